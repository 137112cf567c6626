# fish completion for remind(1), part of clinix
# Verbs, options and their fixed values are static; templates are offered
# as the names of those that come with clinix.  Patients and appointments
# are never offered: listing them is a read of patient data, and audited.

# The verb on the line so far, or "".
function __clinix_remind_verb
	set -l skip 0
	for t in (commandline -opc)[2..-1]
		if test $skip = 1
			set skip 0
			continue
		end
		switch $t
			case --db --config -o --output --at -a --channel -c --limit -l \
			    --template -t --patient -p --day -d --from -F --to -T --status -s
				set skip 1
			case '-*'
			case '*'
				echo $t
				return
		end
	end
	echo ''
end

# Is the verb on the line one of the arguments ("" for none yet)?
function __clinix_remind_is
	set -l v (__clinix_remind_verb)
	contains -- "$v" $argv
end

complete -c remind -f
complete -c remind -l db -r -F -d 'Use this database'
complete -c remind -l config -r -F -d 'Use this configuration file'
complete -c remind -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c remind -s H -l header -d 'Begin TSV with a header line'
complete -c remind -s h -l help -d 'Print usage'
complete -c remind -s V -l version -d 'Print version'

set -l none '__clinix_remind_is ""'
complete -c remind -n $none -a due -d 'What a run would send now; sends nothing'
complete -c remind -n $none -a send -d 'Send what is due, each exactly once'
complete -c remind -n $none -a optout -d 'Stop reminders to a patient'
complete -c remind -n $none -a optin -d 'Take back an opt-out'
complete -c remind -n $none -a log -d 'What was sent, when, to where, and the outcome'

complete -c remind -n '__clinix_remind_is due send' -s a -l at -x -d 'As if it were then: 2026-12-01T08:00'
complete -c remind -n '__clinix_remind_is due send optout optin' -s c -l channel -x -a 'email sms' -d 'Only this channel'
complete -c remind -n '__clinix_remind_is send' -s n -l dry-run -d 'Print what would be sent; send nothing'
complete -c remind -n '__clinix_remind_is send' -s l -l limit -x -d 'At most this many new reminders'
complete -c remind -n '__clinix_remind_is send' -s v -l verbose -d 'Print what was sent'
complete -c remind -n '__clinix_remind_is send' -s t -l template -x -a 'appointment recall slot-open' -d 'The template, for ids'
complete -c remind -n '__clinix_remind_is log' -s p -l patient -x -d 'pat- id or MRN'
complete -c remind -n '__clinix_remind_is log' -s d -l day -x -a 'today yesterday' -d 'One day'
complete -c remind -n '__clinix_remind_is log' -s F -l from -x -a 'today yesterday' -d 'First day'
complete -c remind -n '__clinix_remind_is log' -s T -l to -x -a 'today yesterday' -d 'Last day'
complete -c remind -n '__clinix_remind_is log' -s s -l status -x -a 'claimed retry sent failed dropped' -d 'Status'
