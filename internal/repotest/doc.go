// Package repotest tests what the repository shows its users: the demo, the
// CI workflows, the README's account of every diagnostic and of the catalog's
// counts, and SECURITY.md's promises.
package repotest
