load helper

@test "init makes an admin of the invoking user" {
	run -0 user list -o tsv
	assert_output --partial "admin"
}
