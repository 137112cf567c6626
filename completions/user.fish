# fish completion for user(1), part of clinix
# Verbs, options and roles are static; logins are offered from the Unix
# accounts, never from the database.

set -l verbs add list set-role disable enable import
set -l roles admin provider nurse frontdesk billing

# How many words after the verb are neither options nor their arguments.
function __clinix_user_nargs
	set -l n -1
	set -l skip 0
	for t in (commandline -opc)[2..-1]
		if test $skip = 1
			set skip 0
			continue
		end
		switch $t
			case --db --config -o --output --role --name
				set skip 1
			case '-*'
			case '*'
				set n (math $n + 1)
		end
	end
	echo $n
end

complete -c user -f
complete -c user -l db -r -F -d 'Use this database'
complete -c user -l config -r -F -d 'Use this configuration file'
complete -c user -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c user -s H -l header -d 'Begin TSV with a header line'
complete -c user -s h -l help -d 'Print usage'
complete -c user -s V -l version -d 'Print version'

complete -c user -n "not __fish_seen_subcommand_from $verbs" -a add -d 'Add a user with a role'
complete -c user -n "not __fish_seen_subcommand_from $verbs" -a list -d 'List users'
complete -c user -n "not __fish_seen_subcommand_from $verbs" -a set-role -d 'Give a user another role'
complete -c user -n "not __fish_seen_subcommand_from $verbs" -a disable -d 'Stop a user from using clinix'
complete -c user -n "not __fish_seen_subcommand_from $verbs" -a enable -d 'Let a disabled user back in'
complete -c user -n "not __fish_seen_subcommand_from $verbs" -a import -d 'Add users from a CSV file'

complete -c user -n '__fish_seen_subcommand_from add' -l role -x -a "$roles" -d 'Role'
complete -c user -n '__fish_seen_subcommand_from add' -l name -x -d 'Full name'
complete -c user -n '__fish_seen_subcommand_from add set-role disable enable; and test (__clinix_user_nargs) -eq 0' -a '(__fish_complete_users)'
complete -c user -n '__fish_seen_subcommand_from set-role; and test (__clinix_user_nargs) -eq 1' -a "$roles"
complete -c user -n '__fish_seen_subcommand_from import' -l keep-going -d 'Add the good rows even if some are bad'
complete -c user -n '__fish_seen_subcommand_from import; and test (__clinix_user_nargs) -eq 0' -F
