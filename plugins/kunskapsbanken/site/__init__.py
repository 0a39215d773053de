"""Site pages: which pages a build has, and the views they are made of."""
