"""The benchmark: our build against stock MkDocs and the YAML floor, at national scale."""
