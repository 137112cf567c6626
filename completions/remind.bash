# bash completion for remind(1), part of clinix
# Verbs, options and their fixed values are static; templates are offered
# as the names of those that come with clinix.  Patients and appointments
# are never offered: listing them is a read of patient data, and audited.

_clinix_remind()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb= opts= w i
	local globals='--db --config -o --output -H --header -h --help -V --version'
	local days='today yesterday'
	# Options that take a value, so the value is not taken for a verb.
	local argopts=' --db --config -o --output --at -a --channel -c --limit -l
	    --template -t --patient -p --day -d --from -F --to -T --status -s '
	argopts=${argopts//[[:space:]]/ }

	COMPREPLY=()
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	# COMP_WORDBREAKS splits --opt=value into "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	# The verb is the first word that is neither an option nor its value.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -n $w && $argopts == *" $w "* ]]; then
			[[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
			((i++))
			continue
		fi
		case $w in
		-*|=) ;;
		*) [[ -z $verb ]] && verb=$w ;;
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
	--channel|-c)
		mapfile -t COMPREPLY < <(compgen -W 'email sms' -- "$cur")
		return ;;
	--template|-t)
		mapfile -t COMPREPLY < <(compgen -W 'appointment recall slot-open' \
		    -- "$cur")
		return ;;
	--status|-s)
		mapfile -t COMPREPLY < <(compgen -W 'claimed retry sent failed
		    dropped' -- "$cur")
		return ;;
	--day|-d|--from|-F|--to|-T)
		mapfile -t COMPREPLY < <(compgen -W "$days" -- "$cur")
		return ;;
	--at|-a|--limit|-l|--patient|-p)
		return ;;
	esac

	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'due send optout optin
			    log' -- "$cur")
		fi
		return
	fi
	case $verb in
	due)	opts='--at --channel' ;;
	send)	opts='--at --dry-run --channel --limit --verbose --template' ;;
	optout|optin)
		opts='--channel' ;;
	log)	opts='--patient --day --from --to --status' ;;
	esac
	[[ $cur == -* ]] &&
	    mapfile -t COMPREPLY < <(compgen -W "$opts $globals" -- "$cur")
}
complete -F _clinix_remind remind
