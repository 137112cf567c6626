# fish completion for sched(1), part of clinix
# Verbs, options and their fixed values are static; providers are offered
# as the prv- ids `provider list` prints, visit types and rooms by the
# names `provider visit-type list` and `provider resource list` print
# (none of them is patient data).  Patients and appointments are never
# offered: listing them is a read of patient data, and audited.
# "waitlist" takes a second word (add, list, remove, match).

set -l statuses booked checkedin checkedout cancelled noshow

# The verb on the line so far: "", "book", "waitlist", "waitlist add", ...
# -a is --at but --auto for noshow; -s is --skip but --status for list.
function __clinix_sched_verb
	set -l verb
	set -l skip 0
	for t in (commandline -opc)[2..-1]
		if test $skip = 1
			set skip 0
			continue
		end
		switch $t
			case --db --config -o --output --provider -p --at --end -e \
			    --length -l --type -t --resource -r --note -n --recur -R \
			    --count -c --reason --day -d --from -F --to -T --patient -P \
			    --status --before -b --limit
				set skip 1
			case -a
				test "$verb" = noshow; or set skip 1
			case -s
				test "$verb" = list; and set skip 1
			case '-*'
			case '*'
				if test (count $verb) -eq 0
					set verb $t
				else if test (count $verb) -eq 1; and test $verb[1] = waitlist
					set verb $verb $t
				else
					break
				end
		end
	end
	echo $verb
end

# Is the verb on the line one of the arguments ("" for none yet)?
function __clinix_sched_is
	set -l v (__clinix_sched_verb)
	contains -- "$v" $argv
end

function __clinix_sched_providers
	provider list -o tsv 2>/dev/null | cut -f 1
end

function __clinix_sched_types
	provider visit-type list -o tsv 2>/dev/null | awk -F '\t' '$4 == "yes" { print $2 }'
end

function __clinix_sched_resources
	provider resource list -o tsv 2>/dev/null | awk -F '\t' '$4 == "yes" { print $2 }'
end

complete -c sched -f
complete -c sched -l db -r -F -d 'Use this database'
complete -c sched -l config -r -F -d 'Use this configuration file'
complete -c sched -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c sched -s H -l header -d 'Begin TSV with a header line'
complete -c sched -s h -l help -d 'Print usage'
complete -c sched -s V -l version -d 'Print version'

set -l none '__clinix_sched_is ""'
complete -c sched -n $none -a book -d 'Book a visit or a series'
complete -c sched -n $none -a move -d 'Move a booked visit'
complete -c sched -n $none -a cancel -d 'Cancel visits'
complete -c sched -n $none -a show -d 'Appointments in full'
complete -c sched -n $none -a history -d 'What happened to an appointment'
complete -c sched -n $none -a list -d "Appointments, today's by default"
complete -c sched -n $none -a day -d 'Printable agenda per provider'
complete -c sched -n $none -a free -d 'Open slots'
complete -c sched -n $none -a checkin -d 'The patient arrived'
complete -c sched -n $none -a checkout -d 'The visit is over'
complete -c sched -n $none -a noshow -d 'Mark missed visits'
complete -c sched -n $none -a waitlist -d 'The waitlist: add, list, remove, match'
complete -c sched -n $none -a ics -d "A provider's calendar as iCalendar"
complete -c sched -n $none -a import -d 'Appointments from another calendar (CSV)'

complete -c sched -n '__clinix_sched_is waitlist' -a add -d 'Put a patient on the waitlist'
complete -c sched -n '__clinix_sched_is waitlist' -a list -d 'Who is waiting'
complete -c sched -n '__clinix_sched_is waitlist' -a remove -d 'Take entries off the waitlist'
complete -c sched -n '__clinix_sched_is waitlist' -a match -d 'Waiting patients and the first slot that fits'

# options shared by several verbs
complete -c sched -n '__clinix_sched_is book move free ics day list "waitlist add"' -s p -l provider -x -a '(__clinix_sched_providers)' -d 'Provider (prv- id or NPI)'
complete -c sched -n '__clinix_sched_is book free "waitlist add"' -s t -l type -x -a '(__clinix_sched_types)' -d 'Visit type'
complete -c sched -n '__clinix_sched_is book move list' -s r -l resource -x -a '(__clinix_sched_resources)' -d 'Room or device'
complete -c sched -n '__clinix_sched_is book move free "waitlist add"' -s l -l length -x -d 'Length: 20m, 1h, 1h30m'
complete -c sched -n '__clinix_sched_is book move' -s a -l at -x -d 'Start: 2026-12-01T09:30'
complete -c sched -n '__clinix_sched_is book move' -s f -l force -d 'Outside hours, on a day off or in the past'
complete -c sched -n '__clinix_sched_is book move' -s O -l overbook -d 'Double-book the provider or patient on purpose'
complete -c sched -n '__clinix_sched_is book "waitlist add"' -s n -l note -x -d 'Note'
complete -c sched -n '__clinix_sched_is list free ics "waitlist match"' -s F -l from -x -a 'today tomorrow' -d 'First day'
complete -c sched -n '__clinix_sched_is list free ics "waitlist match"' -s T -l to -x -a 'today tomorrow' -d 'Last day, included'

complete -c sched -n '__clinix_sched_is book' -s e -l end -x -d 'End: 2026-12-01T10:00'
complete -c sched -n '__clinix_sched_is book' -s R -l recur -x -a 'daily weekly biweekly monthly' -d 'Book a series'
complete -c sched -n '__clinix_sched_is book' -s c -l count -x -d 'Visits in the series (1-104)'
complete -c sched -n '__clinix_sched_is book' -s s -l skip -d 'Book the visits of a series that can be'
complete -c sched -n '__clinix_sched_is cancel' -s r -l reason -x -d 'Why'
complete -c sched -n '__clinix_sched_is checkin' -s f -l force -d 'A visit on another day than today'
complete -c sched -n '__clinix_sched_is list free ics "waitlist match"' -s d -l day -x -a 'today tomorrow' -d 'One day'
complete -c sched -n '__clinix_sched_is list' -s P -l patient -x -d 'pat- id or MRN'
complete -c sched -n '__clinix_sched_is list' -s s -l status -x -a "$statuses" -d 'Status'
complete -c sched -n '__clinix_sched_is day' -a 'today tomorrow'
complete -c sched -n '__clinix_sched_is free' -s A -l any -d 'The first slot with anyone'
complete -c sched -n '__clinix_sched_is free' -s n -l limit -x -d 'At most this many'
complete -c sched -n '__clinix_sched_is noshow' -s a -l auto -d 'Every booked visit that has ended'
complete -c sched -n '__clinix_sched_is noshow' -s b -l before -x -d 'With --auto: ended by then'
complete -c sched -n '__clinix_sched_is "waitlist add"' -s b -l before -x -a 'today tomorrow' -d 'Last useful day'
complete -c sched -n '__clinix_sched_is ics' -s N -l names -d 'Full names, not initials'
complete -c sched -n '__clinix_sched_is import' -s k -l keep-going -d 'Import the good rows even if some are bad'
complete -c sched -n '__clinix_sched_is import' -F
