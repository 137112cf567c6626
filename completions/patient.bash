# bash completion for patient(1), part of clinix
# Verbs, options and their fixed values are static.  Patients are never
# offered: their ids come from other programs (see clinix-records(7)), and
# names never.  "coverage" and "payer" take a second word (coverage add).

_clinix_patient()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb= w i opts=
	local globals='--db --config -o --output -H --header -h --help -V --version'
	local fields='mrn first middle last preferred dob sex gender phone phone2
	    email address1 address2 city state zip country language channel
	    sms_consent email_consent emergency_name emergency_phone deceased
	    note'
	local fieldopts=--${fields//[[:space:]]/ --}
	fieldopts=${fieldopts//-- /}
	fieldopts=${fieldopts//_/-}	# a field's flag has - for its _
	# Options that take a value, so the value is not taken for a verb
	# (the fields' flags also with the _ they are still accepted with).
	local argopts=" --db --config -o --output $fieldopts --sms_consent
	    --email_consent --emergency_name --emergency_phone --from --name --dob
	    --age --sex --payer --status --limit --map --member-id --group
	    --priority --relationship --subscriber-name --subscriber-dob
	    --subscriber-sex --to --on --payer-id "
	argopts=${argopts//[[:space:]]/ }

	COMPREPLY=()
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}

	# --map COLUMN=FIELD: the field after the '=' (COMP_WORDBREAKS splits
	# "Given=fi" into "Given" "=" "fi").
	if [[ $cur == = && ${COMP_WORDS[COMP_CWORD-2]} == --map ]] ||
	    [[ $prev == = && ${COMP_WORDS[COMP_CWORD-3]} == --map ]]; then
		[[ $cur == = ]] && cur=
		mapfile -t COMPREPLY < <(compgen -W "$fields" -- "$cur")
		return
	fi
	# --opt=value arrives as "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	# The verb is the first word that is neither an option nor its value;
	# after "coverage" or "payer", the next such word belongs to it.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -n $w && $argopts == *" $w "* ]]; then
			[[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
			((i++))
			continue
		fi
		case $w in
		-*|=) ;;
		*)
			if [[ -z $verb ]]; then
				verb=$w
			elif [[ $verb == coverage || $verb == payer ]]; then
				verb="$verb $w"
			else
				break
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
	--from)
		# a file (or -) for add; a date for coverage add
		if [[ $verb == add ]]; then
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		return ;;
	--sex)
		mapfile -t COMPREPLY < <(compgen -W 'F M X U' -- "$cur")
		return ;;
	--subscriber-sex)
		mapfile -t COMPREPLY < <(compgen -W 'F M U' -- "$cur")
		return ;;
	--channel)
		mapfile -t COMPREPLY < <(compgen -W 'sms email none' -- "$cur")
		return ;;
	--sms-consent|--email-consent|--sms_consent|--email_consent)
		mapfile -t COMPREPLY < <(compgen -W 'yes no' -- "$cur")
		return ;;
	--status)
		mapfile -t COMPREPLY < <(compgen -W 'active inactive deceased
		    merged all' -- "$cur")
		return ;;
	--priority)
		mapfile -t COMPREPLY < <(compgen -W 'primary secondary tertiary' \
		    -- "$cur")
		return ;;
	--relationship)
		mapfile -t COMPREPLY < <(compgen -W 'self spouse child other' \
		    -- "$cur")
		return ;;
	--map)
		return ;;	# COLUMN=FIELD: the column is the file's
	esac
	# free text, dates and numbers: nothing to offer
	[[ -n $prev && $argopts == *" $prev "* ]] && return

	case $verb in
	'')
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'add edit show history
			    list search deactivate activate merge import export
			    coverage payer' -- "$cur")
		fi
		return ;;
	coverage)
		[[ $cur == -* ]] ||
		    mapfile -t COMPREPLY < <(compgen -W 'add list end' -- "$cur")
		return ;;
	payer)
		[[ $cur == -* ]] ||
		    mapfile -t COMPREPLY < <(compgen -W 'add list' -- "$cur")
		return ;;
	add)		opts="$fieldopts --from --force" ;;
	edit)		opts="$fieldopts --force" ;;
	list)		opts='--name --dob --age --sex --has-coverage --payer
			    --status --limit' ;;
	search)		opts='--limit' ;;
	import)		opts='--map --keep-going --update --force' ;;
	export)		opts='--status' ;;
	'coverage add')	opts='--payer --member-id --group --priority
			    --relationship --subscriber-name --subscriber-dob
			    --subscriber-sex --from --to' ;;
	'coverage end')	opts='--on' ;;
	'payer add')	opts='--payer-id' ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts $globals" -- "$cur")
	elif [[ $verb == import ]]; then
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}
complete -F _clinix_patient patient
