# fish completion for code(1), part of clinix
# Verbs, options and code systems are static; codes are not offered (there
# are a hundred thousand of them: `code search` finds them).

set -l verbs search show check import
set -l systems icd10cm hcpcs

# How many words after the verb are neither options nor their arguments.
function __clinix_code_nargs
	set -l n -1
	set -l skip 0
	for t in (commandline -opc)[2..-1]
		if test $skip = 1
			set skip 0
			continue
		end
		switch $t
			case --db --config -o --output -s --system -n --limit -l --label
				set skip 1
			case '-*'
			case '*'
				set n (math $n + 1)
		end
	end
	echo $n
end

complete -c code -f
complete -c code -l db -r -F -d 'Use this database'
complete -c code -l config -r -F -d 'Use this configuration file'
complete -c code -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c code -s H -l header -d 'Begin TSV with a header line'
complete -c code -s h -l help -d 'Print usage'
complete -c code -s V -l version -d 'Print version'

complete -c code -n "not __fish_seen_subcommand_from $verbs" -a search -d 'Find codes by words of their titles'
complete -c code -n "not __fish_seen_subcommand_from $verbs" -a show -d 'Print codes with their titles and status'
complete -c code -n "not __fish_seen_subcommand_from $verbs" -a check -d 'Print codes that are unknown, not billable or retired'
complete -c code -n "not __fish_seen_subcommand_from $verbs" -a import -d 'Load a code set file (admin)'

complete -c code -n '__fish_seen_subcommand_from search show check' -s s -l system -x -a "$systems" -d 'Only this code set'
complete -c code -n '__fish_seen_subcommand_from search' -s b -l billable -d 'Only billable codes'
complete -c code -n '__fish_seen_subcommand_from search' -s a -l all -d 'Retired codes too'
complete -c code -n '__fish_seen_subcommand_from search' -s n -l limit -x -d 'At most this many records'
complete -c code -n '__fish_seen_subcommand_from import' -s l -l label -x -d 'Name of this release'
complete -c code -n '__fish_seen_subcommand_from import; and test (__clinix_code_nargs) -eq 0' -a "$systems"
complete -c code -n '__fish_seen_subcommand_from import; and test (__clinix_code_nargs) -eq 1' -F
