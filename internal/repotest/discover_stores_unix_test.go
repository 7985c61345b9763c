//go:build !windows

package repotest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// storeRepo is a temporary repository laid out as the CI example tells users to lay theirs out.
type storeRepo struct {
	t   *testing.T
	dir string
}

func newStoreRepo(t *testing.T) *storeRepo {
	t.Helper()
	for _, tool := range []string{"bash", "git", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed; the CI example's discovery script needs it", tool)
		}
	}
	r := &storeRepo{t: t, dir: t.TempDir()}
	script, err := os.ReadFile("../../examples/ci/discover-stores.sh")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(r.dir, "discover-stores.sh"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("init", "-q", "-b", "main")
	r.git("config", "user.email", "ci@example.com")
	r.git("config", "user.name", "CI")
	return r
}

func (r *storeRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// addStore writes stores/<name>/store.tfvars.json.
func (r *storeRepo) addStore(name, secret string) {
	r.t.Helper()
	dir := filepath.Join(r.dir, "stores", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.t.Fatal(err)
	}
	body := `{"project_id": "p", "credentials_secret": ` + quote(secret) + "}\n"
	if err := os.WriteFile(filepath.Join(dir, "store.tfvars.json"), []byte(body), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (r *storeRepo) commit(message string) string {
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", message)
	return r.git("rev-parse", "HEAD")
}

// discover runs the script as the workflow does and decodes its one line of JSON.
func (r *storeRepo) discover(out any, args ...string) {
	r.t.Helper()
	cmd := exec.Command("./discover-stores.sh", args...)
	cmd.Dir = r.dir
	got, err := cmd.Output()
	if err != nil {
		r.t.Fatalf("discover-stores.sh %s: %v", strings.Join(args, " "), err)
	}
	if strings.Count(strings.TrimSpace(string(got)), "\n") != 0 {
		r.t.Errorf("discover-stores.sh %s printed more than one line, which a GITHUB_OUTPUT line cannot hold:\n%s", strings.Join(args, " "), got)
	}
	if err := json.Unmarshal(got, out); err != nil {
		r.t.Fatalf("discover-stores.sh %s printed %q: %v", strings.Join(args, " "), got, err)
	}
}

type store struct {
	Name   string `json:"name"`
	Secret string `json:"secret"`
}

// TestDiscoverStoresScript runs the CI example's discovery script against a
// repository in which stores are added, changed, moved and removed between
// two commits, and checks the JSON the workflows' matrices receive.
func TestDiscoverStoresScript(t *testing.T) {
	r := newStoreRepo(t)

	var stores []store
	r.discover(&stores, "stores")
	if len(stores) != 0 {
		t.Errorf("an empty repository lists %v", stores)
	}

	r.addStore("acme-outdoor", "BIGCOMMERCE_CREDENTIALS_ACME")
	r.addStore("bolt bikes", "BIGCOMMERCE_CREDENTIALS_BOLT")
	r.addStore("café-n°1 'quoted' \"name\"", "BIGCOMMERCE_CREDENTIALS_CAFE")
	r.addStore("old-name", "BIGCOMMERCE_CREDENTIALS_OLD")
	r.addStore("gone", "BIGCOMMERCE_CREDENTIALS_GONE")
	first := r.commit("first stores")

	var removed []string
	// A branch's first push: GitHub sends all zeros as the commit before.
	for _, before := range []string{"0000000000000000000000000000000000000000", "", "1234567890abcdef1234567890abcdef12345678"} {
		r.discover(&removed, "removed", before, first)
		if len(removed) != 0 {
			t.Errorf("with the commit before %q, removed = %v, want none", before, removed)
		}
	}

	r.addStore("bolt bikes", "BIGCOMMERCE_CREDENTIALS_BOLT_2")
	r.addStore("new store", "BIGCOMMERCE_CREDENTIALS_NEW")
	r.git("mv", "stores/old-name", "stores/new-name")
	r.git("rm", "-q", "-r", "stores/gone", "stores/café-n°1 'quoted' \"name\"")
	second := r.commit("change, add, move and remove stores")

	r.discover(&stores, "stores")
	want := []store{
		{"acme-outdoor", "BIGCOMMERCE_CREDENTIALS_ACME"},
		{"bolt bikes", "BIGCOMMERCE_CREDENTIALS_BOLT_2"},
		{"new store", "BIGCOMMERCE_CREDENTIALS_NEW"},
		{"new-name", "BIGCOMMERCE_CREDENTIALS_OLD"},
	}
	if !reflect.DeepEqual(stores, want) {
		t.Errorf("stores = %+v, want %+v", stores, want)
	}
	r.discover(&removed, "removed", first, second)
	if want := []string{"café-n°1 'quoted' \"name\"", "gone", "old-name"}; !reflect.DeepEqual(removed, want) {
		t.Errorf("removed = %q, want %q", removed, want)
	}
	// A push that only changes and adds stores removes none.
	r.addStore("acme-outdoor", "BIGCOMMERCE_CREDENTIALS_ACME_2")
	third := r.commit("rotate a secret name")
	r.discover(&removed, "removed", second, third)
	if len(removed) != 0 {
		t.Errorf("a push that removes nothing lists %q", removed)
	}
}
