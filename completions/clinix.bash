# bash completion for clinix(1)
# Completes clinix's own verbs and the names of the programs it runs; after
# a program's name, hands over to that program's completion.

_clinix_load()
{
	local f dir=${BASH_SOURCE[0]%/*}

	[[ $dir == "${BASH_SOURCE[0]}" ]] && dir=.
	if declare -F __load_completion >/dev/null; then
		__load_completion "$1"
		declare -F "_clinix_$1" >/dev/null && return 0
	fi
	for f in "$dir/$1" "$dir/$1.bash"; do
		[[ -r $f ]] && . "$f" && declare -F "_clinix_$1" >/dev/null &&
		    return 0
	done
	return 1
}

_clinix()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= prog= w i
	local globals='--db --config -o --output -H --header -h --help -V --version'
	local progs='db user audit patient'

	COMPREPLY=()
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	# COMP_WORDBREAKS splits --opt=value into "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--db|--config|-o|--output|--clinic-name|--timezone|--phone|\
		--address1|--address|--address2|--city|--state|--zip|--country|\
		--npi|--tax-id|--email-from)
			[[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
			((i++)) ;;
		-*|=) ;;
		*) prog=$w; break ;;
		esac
	done

	case $prog in
	db|user|audit|patient)
		# Complete the rest of the line as a command line of prog.
		if declare -F "_clinix_$prog" >/dev/null || _clinix_load "$prog"
		then
			local COMP_WORDS=("${COMP_WORDS[@]:i}")
			local COMP_CWORD=$((COMP_CWORD - i))
			"_clinix_$prog" "$prog" "${COMP_WORDS[COMP_CWORD]}" \
			    "${COMP_WORDS[COMP_CWORD-1]}"
		fi
		return ;;
	esac

	case $prev in
	--db|--config)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	-o|--output)
		mapfile -t COMPREPLY < <(compgen -W 'table tsv csv json' -- "$cur")
		return ;;
	--clinic-name|--timezone|--phone|--address1|--address|--address2|\
	--city|--state|--zip|--country|--npi|--tax-id|--email-from)
		return ;;
	esac

	if [[ -z $prog ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "help version init
			    config $progs" -- "$cur")
		fi
	elif [[ $prog == init && $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "--system --clinic-name
		    --timezone --phone --address1 --address --address2 --city --state --zip --country --npi --tax-id --email-from $globals" -- "$cur")
	elif [[ $prog == config ]]; then
		# config VERB [--system] KEY VALUE: the verb, then a key
		local n=$((COMP_CWORD - i))
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "--system" -- "$cur")
		elif ((n == 1)); then
			mapfile -t COMPREPLY < <(compgen -W "set get list" -- "$cur")
		elif [[ $prev == set || $prev == get || $prev == --system ]]; then
			mapfile -t COMPREPLY < <(compgen -W "clinic.name clinic.npi clinic.tax_id clinic.phone clinic.address1 clinic.address2 clinic.city clinic.state clinic.zip clinic.country clinic.timezone db key_file db_busy_timeout_ms remind.sendmail remind.sms_command remind.from remind.quiet_hours remind.sms_max_segments remind.lease_minutes remind.max_attempts remind.retry_minutes" -- "$cur")
		fi
	fi
}
complete -F _clinix clinix
