# bash completion for sched(1), part of clinix
# Verbs, options and their fixed values are static; providers are offered
# as the prv- ids `provider list` prints, visit types and rooms by the
# names `provider visit-type list` and `provider resource list` print
# (none of them is patient data).  Patients and appointments are never
# offered: listing them is a read of patient data, and audited.
# "waitlist" takes a second word (add, list, remove, match).

_clinix_sched_provider_ids()
{
	provider list -o tsv 2>/dev/null | cut -f 1
}

# The active visit types (resources) by name, one per line.
_clinix_sched_types()
{
	provider visit-type list -o tsv 2>/dev/null |
	    awk -F '\t' '$4 == "yes" { print $2 }'
}

_clinix_sched_resources()
{
	provider resource list -o tsv 2>/dev/null |
	    awk -F '\t' '$4 == "yes" { print $2 }'
}

# COMPREPLY from the lines "$@" prints that begin with $cur, quoted for
# the shell, since names such as "new patient" hold blanks.
_clinix_sched_names()
{
	local n

	COMPREPLY=()
	while IFS= read -r n; do
		[[ -n $n && $n == "$cur"* ]] &&
		    COMPREPLY+=("$(printf '%q' "$n")")
	done < <("$@")
}

_clinix_sched()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb= sub= opts= w i npos=0
	local globals='--db --config -o --output -H --header -h --help -V --version'
	local days='today tomorrow'
	# Options that take a value, so the value is not taken for a verb.
	# -a is --at but --auto for noshow; -s is --skip but --status for list.
	local argopts=' --db --config -o --output --provider -p --at --end -e
	    --length -l --type -t --resource -r --note -n --recur -R --count -c
	    --reason --day -d --from -F --to -T --patient -P --status --before
	    -b --limit '
	argopts=${argopts//[[:space:]]/ }

	COMPREPLY=()
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	# COMP_WORDBREAKS splits --opt=value into "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	# The verb is the first word that is neither an option nor its
	# value; waitlist takes one more word.  Count the words after those
	# that are neither, too.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -n $w && ( $argopts == *" $w "* ||
		    ($w == -a && $verb != noshow) ||
		    ($w == -s && $verb == list) ) ]]; then
			[[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
			((i++))
			continue
		fi
		case $w in
		-*|=) ;;
		*)
			if [[ -z $verb ]]; then
				verb=$w
			elif [[ -z $sub && $verb == waitlist ]]; then
				sub=$w
			else
				((npos++))
			fi ;;
		esac
	done

	case $prev in
	--db|--config)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	-o|--output)
		mapfile -t COMPREPLY < <(compgen -W 'table tsv csv json' -- "$cur")
		return ;;
	--provider|-p)
		mapfile -t COMPREPLY < <(compgen -W "$(_clinix_sched_provider_ids)" \
		    -- "$cur")
		return ;;
	--type|-t)
		_clinix_sched_names _clinix_sched_types
		return ;;
	--resource)
		_clinix_sched_names _clinix_sched_resources
		return ;;
	-r)
		# --reason for cancel
		[[ $verb == cancel ]] || _clinix_sched_names _clinix_sched_resources
		return ;;
	--recur|-R)
		mapfile -t COMPREPLY < <(compgen -W 'daily weekly biweekly monthly' \
		    -- "$cur")
		return ;;
	--status)
		mapfile -t COMPREPLY < <(compgen -W 'booked checkedin checkedout
		    cancelled noshow' -- "$cur")
		return ;;
	-s)
		# --skip (no value) but for list
		if [[ $verb == list ]]; then
			mapfile -t COMPREPLY < <(compgen -W 'booked checkedin
			    checkedout cancelled noshow' -- "$cur")
			return
		fi ;;
	--day|-d|--from|-F|--to|-T)
		mapfile -t COMPREPLY < <(compgen -W "$days" -- "$cur")
		return ;;
	--before|-b)
		# a day for waitlist add, a time for noshow --auto
		[[ $verb == waitlist ]] &&
		    mapfile -t COMPREPLY < <(compgen -W "$days" -- "$cur")
		return ;;
	-a)
		[[ $verb == noshow ]] || return ;;
	--at|--end|-e|--length|-l|--note|-n|--count|-c|--reason|--limit|\
	--patient|-P)
		return ;;
	esac

	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'book move cancel show
			    history list day free checkin checkout noshow waitlist
			    ics import' -- "$cur")
		fi
		return
	fi
	if [[ $verb == waitlist && -z $sub ]]; then
		[[ $cur == -* ]] ||
		    mapfile -t COMPREPLY < <(compgen -W 'add list remove match' \
		    -- "$cur")
		return
	fi
	case $verb in
	book)	opts='--provider --at --end --length --type --resource --note
		    --recur --count --skip --force --overbook' ;;
	move)	opts='--at --length --provider --resource --force --overbook' ;;
	cancel)	opts='--reason' ;;
	checkin) opts='--force' ;;
	list)	opts='--day --from --to --provider --patient --status
		    --resource' ;;
	day)	opts='--provider' ;;
	free)	opts='--provider --any --day --from --to --length --type --limit' ;;
	noshow)	opts='--auto --before' ;;
	waitlist)
		case $sub in
		add)	opts='--provider --type --length --before --note' ;;
		match)	opts='--day --from --to' ;;
		esac ;;
	ics)	opts='--provider --day --from --to --names' ;;
	import)	opts='--keep-going' ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts $globals" -- "$cur")
		return
	fi
	case $verb:$npos in
	day:0)
		mapfile -t COMPREPLY < <(compgen -W "$days" -- "$cur") ;;
	import:0)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -X '!*.csv' -- "$cur"
		    compgen -d -- "$cur") ;;
	esac
}
complete -F _clinix_sched sched
