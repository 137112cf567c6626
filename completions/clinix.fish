# fish completion for clinix(1) and the programs that have option tables
# (db, user, audit, provider, code, patient,
# remind).  One script for all: the
# program itself says what completes, from the tables it parses its command line
# with (`PROG --complete WORDS...`, one candidate a line; ":file" and
# ":dir" ask for the shell's names).  Installed once per program name.
# `clinix PROG ...` asks clinix, which asks PROG.

# clinix PROG ...: a program with a completion file of its own (not yet
# converted to an option table) is handed to it, as it completes more.
# fish autoloads completions only for commands on PATH, and the programs
# live in libexec/clinix, so its file is loaded here if need be.
function __clinix_delegate
	set -l tokens $argv
	set -l skip 0
	for i in (seq 2 (math (count $tokens) - 1))
		set -l prog $tokens[$i]
		if test $skip = 1
			set skip 0
			continue
		end
		switch $prog
			case '--db' '--config' '-o' '--output'
				set skip 1
				continue
			case '-*'
				continue
		end
		contains -- $prog sched; or return 1
		if test -z "$(complete -c $prog)"
			for dir in $fish_complete_path
				if test -r $dir/$prog.fish
					source $dir/$prog.fish
					break
				end
			end
		end
		test -n "$(complete -c $prog)"; or return 1
		complete -C (string join -- ' ' (string escape -- $tokens[$i..-2]) $tokens[-1])
		return 0
	end
	return 1
end

function __clinix_complete
	set -l tokens (commandline -opc)
	set -l cur (commandline -ct)
	set -l cmd $tokens[1]
	if test (count $tokens) -gt 1; and string match -q -- '*clinix' $cmd
		__clinix_delegate $tokens $cur; and return
	end
	set -e tokens[1]
	# db, user, code ... are common names: ask only a clinix program,
	# one beside clinix (bin/) or in libexec/clinix, never another tool
	if test (basename -- $cmd) != clinix
		set -l path (command -s -- $cmd); or return
		set -l dir (dirname -- $path)
		test (basename -- $dir) = clinix; or test -x $dir/clinix; or return
	end
	# --opt=value: the program answers with values, fish wants the word
	set -l lead ''
	if string match -qr -- '^--[^=]*=' $cur
		set lead (string replace -r -- '=.*' '=' $cur)
	end
	for line in ($cmd --complete $tokens $cur 2>/dev/null)
		switch $line
			case :file
				__fish_complete_path $cur
			case :dir
				__fish_complete_directories $cur
			case '*'
				echo $lead$line
		end
	end
end

for c in clinix db user audit provider code patient remind
	complete -c $c -f -a '(__clinix_complete)'
end
