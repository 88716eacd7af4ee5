"""A library shared through git: the merge of two teammates' library files, record by
record (`merge`), the conflicts it keeps for a person to settle (`conflicts`), and the
repair of what no single file's merge can see (`repair`).

The git side drives these: `setup` (init, clone, the settings every clone needs),
`committing`, `remote` (fetch, push), `merging` and `syncing`, all through `git`, the one
module that runs the git command line (`BlobReader.tree` reads a file as a commit holds
it).
"""
