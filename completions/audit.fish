# fish completion for audit(1), part of clinix
# Verbs and options are static: nothing is read from the database, so no
# patient is ever offered.

set -l verbs list verify anchor

complete -c audit -f
complete -c audit -l db -r -F -d 'Use this database'
complete -c audit -l config -r -F -d 'Use this configuration file'
complete -c audit -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c audit -s H -l header -d 'Begin TSV with a header line'
complete -c audit -s h -l help -d 'Print usage'
complete -c audit -s V -l version -d 'Print version'

complete -c audit -n "not __fish_seen_subcommand_from $verbs" -a list -d 'List audit rows, newest first'
complete -c audit -n "not __fish_seen_subcommand_from $verbs" -a verify -d 'Check the HMAC chain and tail file'
complete -c audit -n "not __fish_seen_subcommand_from $verbs" -a anchor -d 'Accept the trail as it is: a new tail file'
complete -c audit -n '__fish_seen_subcommand_from anchor' -l reason -x -d 'Why the trail may be trusted again'

complete -c audit -n '__fish_seen_subcommand_from list' -l patient -x -d 'Only rows about this pat- id'
complete -c audit -n '__fish_seen_subcommand_from list' -l user -x -a '(__fish_complete_users)' -d 'Only rows of this login'
complete -c audit -n '__fish_seen_subcommand_from list' -l action -x -d 'Only this action or its prefix'
complete -c audit -n '__fish_seen_subcommand_from list' -l from -x -d 'Only rows from this date on'
complete -c audit -n '__fish_seen_subcommand_from list' -l to -x -d 'Only rows before this date'
complete -c audit -n '__fish_seen_subcommand_from list' -l denied -d 'Only denied attempts'
complete -c audit -n '__fish_seen_subcommand_from list' -l limit -x -d 'At most this many rows'
