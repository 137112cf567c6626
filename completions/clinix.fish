# fish completion for clinix(1) and the programs that have option tables
# (db, user, audit, provider, code, patient, sched, remind, chart, pay, claim).  One script
# for all: the program itself says what completes, from the tables it
# parses its command line with (`PROG --complete WORDS...`, one candidate
# a line; ":file" and ":dir" ask for the shell's names).  Installed once
# per program name.
# `clinix PROG ...` asks clinix, which asks PROG.

function __clinix_complete
	set -l tokens (commandline -opc)
	set -l cur (commandline -ct)
	set -l cmd $tokens[1]
	set -e tokens[1]
	# db, user, code ... are common names: ask only a clinix program,
	# one beside clinix (bin/) or in libexec/clinix, never another tool
	if test (basename -- $cmd) != clinix
		set -l path (command -s -- $cmd); or return
		set -l dir (dirname -- $path)
		test (basename -- $dir) = clinix; or test -x $dir/clinix; or return
	end
	# --opt=value, --map COLUMN=FIELD: the program answers with what
	# follows the last '=', fish wants the word
	set -l lead ''
	if string match -q -- '*=*' $cur
		set lead (string replace -r -- '[^=]*$' '' $cur)
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

for c in clinix db user audit provider code patient sched remind chart pay claim
	complete -c $c -f -a '(__clinix_complete)'
end
