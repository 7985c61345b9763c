// Package examples tests what the repository shows its users: the demo, the CI
// workflows, and the README's account of every diagnostic.
package examples
