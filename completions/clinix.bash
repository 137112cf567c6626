# bash completion for clinix(1) and the programs that have option tables
# (db, user, audit, provider, code, patient, sched, remind, chart, pay, claim).  One script
# for all: the program itself says what completes, from the tables it
# parses its command line with (`PROG --complete WORDS...`, one candidate
# a line; ":file" and ":dir" ask for the shell's names).  Installed once
# per program name.  `clinix PROG ...` asks clinix, which asks PROG.

# Is command $1 a clinix program?
_clinix_ours()
{
	local path dir

	path=$(type -P -- "$1") || return 1
	dir=${path%/*}
	[[ ${dir##*/} == clinix || -x $dir/clinix ]]
}

_clinix_complete()
{
	local cmd=$1 cur=${COMP_WORDS[COMP_CWORD]} line i
	local -a words=()

	COMPREPLY=()
	# COMP_WORDBREAKS splits --opt=value into "--opt" "=" "value": the
	# program is given the word as typed, and answers with values only.
	for ((i = 1; i <= COMP_CWORD; i++)); do
		if ((${#words[@]} > 0)) && [[ ${COMP_WORDS[i]} == = ||
		    ${COMP_WORDS[i-1]} == = ]] && ((i > 1)); then
			words[-1]+=${COMP_WORDS[i]}
		else
			words+=("${COMP_WORDS[i]}")
		fi
	done
	[[ $cur == = ]] && cur=

	# db, user, code ... are common names: ask only a clinix program,
	# one beside clinix (bin/) or in libexec/clinix, never another tool
	if [[ ${cmd##*/} != clinix ]] && ! _clinix_ours "$cmd"; then
		compopt -o bashdefault -o default 2>/dev/null
		return
	fi
	while IFS= read -r line; do
		case $line in
		:file)
			compopt -o filenames 2>/dev/null
			COMPREPLY+=($(compgen -f -- "$cur")) ;;
		:dir)
			compopt -o filenames 2>/dev/null
			COMPREPLY+=($(compgen -d -- "$cur")) ;;
		?*)
			COMPREPLY+=("$line") ;;
		esac
	done < <("$cmd" --complete "${words[@]}" 2>/dev/null)
}

# (a name another tool's completion already has is left to it)
complete -F _clinix_complete clinix
for _clinix_p in db user audit provider code patient sched remind chart pay claim; do
	complete -p "$_clinix_p" >/dev/null 2>&1 ||
	    complete -F _clinix_complete "$_clinix_p"
done
unset _clinix_p
