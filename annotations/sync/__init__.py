"""A library shared through git: the merge of two teammates' library files, record by
record (`merge`), the conflicts it keeps for a person to settle (`conflicts`), and the
repair of what no single file's merge can see (`repair`).

The git side (init, clone, commit, fetch, push) drives these; nothing here runs git
itself except `trees.git_tree`, which reads a file as one commit holds it.
"""
