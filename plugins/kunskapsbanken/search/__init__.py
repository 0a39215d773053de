"""Search: the split index the build writes to sok/ and the words it holds."""
