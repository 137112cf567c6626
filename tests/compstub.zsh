# Stand-ins for zsh's completion builtins, for tests of completions/_clinix:
# the completion system needs a terminal, and these are enough to see what
# the script asks and what it offers (compadd prints "offer: WORDS").
_normal() { print -r -- "normal: $words ($CURRENT)"; }
compset() { PREFIX=${PREFIX#*=}; }
_files() { print -r -- "files"; }
compadd() {
	local a
	while [[ $1 == -* ]]; do
		[[ $1 == -a ]] && { shift; a=$1; }
		shift
	done
	print -r -- "offer: ${(P@)a}"
}
