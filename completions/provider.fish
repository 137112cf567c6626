# fish completion for provider(1), part of clinix
# Verbs, options, kinds and weekdays are static; providers are offered as
# the prv- ids `provider list` prints (providers are not patient data),
# visit types and resources to retire or restore as their vt- and res-
# ids, logins from the Unix accounts.

set -l verbs add list show edit deactivate activate hours off visit-type resource clinic
set -l days mon tue wed thu fri sat sun mon-fri mon-sat sat-sun

# How many words after the verb (and the sub-verb of visit-type and
# resource) are neither options nor their arguments.
function __clinix_provider_nargs
	set -l n -1
	set -l skip 0
	set -l words (commandline -opc)[2..-1]
	for t in $words
		if test $skip = 1
			set skip 0
			continue
		end
		switch $t
			case --db --config -o --output --name -n --npi --taxonomy \
			    --credential --login --to -t --reason -r --kind -k
				set skip 1
			case '-*'
			case '*'
				set n (math $n + 1)
		end
	end
	if contains -- visit-type $words; or contains -- resource $words
		set n (math $n - 1)
	end
	echo $n
end

function __clinix_provider_ids
	provider list -o tsv 2>/dev/null | cut -f 1
end

# The ids, with names, of `provider $argv[1] list` whose active column is
# $argv[2].
function __clinix_provider_named
	provider $argv[1] list -o tsv 2>/dev/null |
	    awk -F '\t' -v a=$argv[2] '$4 == a { print $1 "\t" $2 }'
end

complete -c provider -f
complete -c provider -l db -r -F -d 'Use this database'
complete -c provider -l config -r -F -d 'Use this configuration file'
complete -c provider -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c provider -s H -l header -d 'Begin TSV with a header line'
complete -c provider -s h -l help -d 'Print usage'
complete -c provider -s V -l version -d 'Print version'

complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a add -d 'Add a provider'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a list -d 'List providers'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a show -d 'Show providers'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a edit -d 'Change a provider'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a deactivate -d 'Stop offering a provider'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a activate -d 'Offer a deactivated provider again'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a hours -d 'List or set weekly hours'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a off -d 'List, add or remove days off'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a visit-type -d 'Add, list, retire or restore visit types'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a resource -d 'Add, list, retire or restore rooms and devices'
complete -c provider -n "not __fish_seen_subcommand_from $verbs" -a clinic -d 'Print and check the billing identity'

complete -c provider -n '__fish_seen_subcommand_from add edit' -s n -l name -x -d 'Name'
complete -c provider -n '__fish_seen_subcommand_from add edit' -l npi -x -d 'Individual NPI'
complete -c provider -n '__fish_seen_subcommand_from add edit' -l taxonomy -x -d 'Taxonomy code'
complete -c provider -n '__fish_seen_subcommand_from add edit' -l credential -x -d 'Credential, such as MD'
complete -c provider -n '__fish_seen_subcommand_from add edit' -l login -x -a '(__fish_complete_users)' -d 'Clinix user who is this provider'
complete -c provider -n '__fish_seen_subcommand_from show deactivate activate' -a '(__clinix_provider_ids)'
complete -c provider -n '__fish_seen_subcommand_from edit hours off; and test (__clinix_provider_nargs) -eq 0' -a '(__clinix_provider_ids)'
complete -c provider -n '__fish_seen_subcommand_from hours; and test (__clinix_provider_nargs) -eq 1' -a "$days"
complete -c provider -n '__fish_seen_subcommand_from hours; and test (__clinix_provider_nargs) -eq 2' -a off
complete -c provider -n '__fish_seen_subcommand_from off' -s t -l to -x -a 'today tomorrow' -d 'Last day away'
complete -c provider -n '__fish_seen_subcommand_from off' -s r -l reason -x -d 'Why'
complete -c provider -n '__fish_seen_subcommand_from off' -l remove -d 'Make those days working days again'
complete -c provider -n '__fish_seen_subcommand_from off; and test (__clinix_provider_nargs) -eq 1' -a 'today tomorrow'
complete -c provider -n '__fish_seen_subcommand_from visit-type resource; and not __fish_seen_subcommand_from add list retire restore' -a 'add list retire restore'
for k in visit-type resource
	complete -c provider -n "__fish_seen_subcommand_from $k; and __fish_seen_subcommand_from retire; and test (__clinix_provider_nargs) -eq 0" -a "(__clinix_provider_named $k yes)"
	complete -c provider -n "__fish_seen_subcommand_from $k; and __fish_seen_subcommand_from restore; and test (__clinix_provider_nargs) -eq 0" -a "(__clinix_provider_named $k no)"
end
complete -c provider -n '__fish_seen_subcommand_from resource; and __fish_seen_subcommand_from add' -s k -l kind -x -a 'room device' -d 'Kind'
