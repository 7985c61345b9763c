package onboarding_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
)

// spec is the parsed openapi.yaml.
type spec map[string]any

func loadSpec(t *testing.T) spec {
	t.Helper()
	data, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Decoded into a plain map, so that nested mappings are plain maps too.
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	s := spec(doc)
	if s["openapi"] != "3.1.0" {
		t.Fatalf("openapi = %v, want 3.1.0", s["openapi"])
	}
	return s
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// resolve follows a $ref within the document.
func (s spec) resolve(v any) any {
	for {
		ref, ok := dig(v, "$ref").(string)
		if !ok {
			return v
		}
		v = dig(map[string]any(s), strings.Split(strings.TrimPrefix(ref, "#/"), "/")...)
	}
}

// operation returns an operation of the spec, failing when it is not documented.
func (s spec) operation(t *testing.T, method, path string) map[string]any {
	t.Helper()
	op, ok := dig(map[string]any(s), "paths", path, strings.ToLower(method)).(map[string]any)
	if !ok {
		t.Fatalf("%s %s is not in the contract", method, path)
	}
	return op
}

// statuses are the documented response statuses of an operation.
func (s spec) statuses(t *testing.T, method, path string) []int {
	t.Helper()
	var out []int
	responses, _ := dig(s.operation(t, method, path), "responses").(map[string]any)
	for code := range responses {
		n, err := strconv.Atoi(code)
		if err != nil {
			t.Fatalf("%s %s: response %q is not a status", method, path, code)
		}
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// responseSchema is the JSON schema of one documented response, or nil.
func (s spec) responseSchema(t *testing.T, method, path string, status int) any {
	t.Helper()
	resp := s.resolve(dig(s.operation(t, method, path), "responses", strconv.Itoa(status)))
	if resp == nil {
		t.Fatalf("%s %s: status %d is not documented", method, path, status)
	}
	return s.resolve(dig(resp, "content", "application/json", "schema"))
}

// checkRequired reports every required field the value lacks, at any depth.
func (s spec) checkRequired(t *testing.T, where string, schema, value any) {
	t.Helper()
	schema = s.resolve(schema)
	switch v := value.(type) {
	case map[string]any:
		for _, r := range asStrings(dig(schema, "required")) {
			if _, ok := v[r]; !ok {
				t.Errorf("%s: required field %q is missing", where, r)
			}
		}
		if props, ok := dig(schema, "properties").(map[string]any); ok {
			for name, sub := range props {
				if child, ok := v[name]; ok {
					s.checkRequired(t, where+"."+name, sub, child)
				}
			}
		}
	case []any:
		for i, item := range v {
			s.checkRequired(t, where+"["+strconv.Itoa(i)+"]", dig(schema, "items"), item)
		}
	}
}

func asStrings(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		if str, ok := x.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(v any) []string {
	var out []string
	ty := reflect.TypeOf(v)
	for i := range ty.NumField() {
		if name := strings.Split(ty.Field(i).Tag.Get("json"), ",")[0]; name != "-" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func TestClientFollowsTheContract(t *testing.T) {
	s := loadSpec(t)
	schema := func(name string) any { return dig(map[string]any(s), "components", "schemas", name) }
	sortedRequired := func(name string) []string {
		r := asStrings(dig(schema(name), "required"))
		sort.Strings(r)
		return r
	}
	// The client sends every field of the submission, and only those: the required ones and the optional owner.
	properties := func(name string) []string {
		var out []string
		props, _ := dig(schema(name), "properties").(map[string]any)
		for k := range props {
			out = append(out, k)
		}
		return sortStrings(out)
	}
	if got, want := jsonFields(onboarding.Submission{}), properties("CredentialsSubmission"); !reflect.DeepEqual(got, want) {
		t.Errorf("Submission fields %v, contract has %v", got, want)
	}
	if got, want := sortedRequired("CredentialsSubmission"), []string{"access_token", "api_path", "client_id", "client_name", "client_secret", "store_hash"}; !reflect.DeepEqual(got, want) {
		t.Errorf("CredentialsSubmission requires %v, want %v: the owner is optional, so a hand upload needs none", got, want)
	}
	// The client reads every field the contract promises.
	for name, v := range map[string]any{"Registration": onboarding.Registration{}, "Project": onboarding.Project{}} {
		if got, want := jsonFields(v), sortedRequired(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s fields %v, contract requires %v", name, got, want)
		}
	}
	if got, want := jsonFields(onboarding.Verification{}), asStrings(dig(schema("Registration"), "properties", "verification", "required")); !reflect.DeepEqual(got, sortStrings(want)) {
		t.Errorf("Verification fields %v, contract requires %v", got, want)
	}
	// The client reads the 412 body the contract promises.
	if got := asStrings(dig(schema("PreconditionFailed"), "required")); !reflect.DeepEqual(sortStrings(got), []string{"errors", "registration"}) {
		t.Errorf("PreconditionFailed requires %v", got)
	}
	for _, op := range []struct{ method, header string }{{"PUT", "If-Match"}, {"PUT", "If-None-Match"}, {"DELETE", "If-Match"}} {
		if params := toJSON(s.resolveAll(dig(s.operation(t, op.method, "/projects/{project_id}/api-credentials"), "parameters"))); !strings.Contains(params, `"name":"`+op.header+`"`) {
			t.Errorf("%s does not document %s", op.method, op.header)
		}
	}
	if onboarding.ETag(12) != `"12"` {
		t.Errorf("ETag(12) = %s", onboarding.ETag(12))
	}
	// The statuses the client takes as success are the documented ones.
	for _, op := range []struct {
		method, path string
		success      int
	}{
		{"GET", "/projects/{project_id}", 200},
		{"PUT", "/projects/{project_id}/api-credentials", 200},
		{"GET", "/projects/{project_id}/api-credentials", 200},
		{"DELETE", "/projects/{project_id}/api-credentials", 204},
	} {
		if !containsInt(s.statuses(t, op.method, op.path), op.success) {
			t.Errorf("%s %s: %d is not documented", op.method, op.path, op.success)
		}
	}
	if key := dig(s.operation(t, "PUT", "/projects/{project_id}/api-credentials"), "parameters"); !strings.Contains(toJSON(key), onboarding.HeaderIdempotencyKey) {
		t.Errorf("the contract does not document %s", onboarding.HeaderIdempotencyKey)
	}
	for _, st := range []string{onboarding.StatusPending, onboarding.StatusSubmitted, onboarding.StatusVerified, onboarding.StatusRejected} {
		if !strings.Contains(toJSON(dig(schema("Status"), "enum")), `"`+st+`"`) {
			t.Errorf("status %q is not in the contract", st)
		}
	}
}

// resolveAll resolves each $ref of a list.
func (s spec) resolveAll(v any) []any {
	list, _ := v.([]any)
	out := make([]any, len(list))
	for i, item := range list {
		out[i] = s.resolve(item)
	}
	return out
}

func sortStrings(s []string) []string {
	sort.Strings(s)
	return s
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

func toJSON(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

func TestSandboxFollowsTheContract(t *testing.T) {
	s := loadSpec(t)
	delay := 0
	sb := sandboxtest.Start(t, sandbox.Fixture{
		Stores: []sandbox.Store{{StoreHash: "acme0001", APIAccounts: []sandbox.APIAccount{{}}}},
		Onboarding: &sandbox.OnboardingFixture{VerificationDelayMs: &delay, Projects: []sandbox.ProjectFixture{
			{ID: "acme", Name: "Acme Outdoor"},
			{ID: "bound", Name: "Bound elsewhere", StoreHash: "other0001"},
		}},
	})
	account := sb.Account("acme0001")
	good := onboarding.Submission{StoreHash: "acme0001", ClientID: account.ClientID, ClientName: "Modern Retail Integration",
		APIPath: "https://api.bigcommerce.com/stores/acme0001/v3/", AccessToken: account.AccessToken, ClientSecret: account.ClientSecret}
	bad := good
	bad.APIPath = "https://api.bigcommerce.com/stores/other0001/v3/"

	exercised := map[string]bool{}
	call := func(method, template, projectID, token string, body any, want int, header ...string) {
		t.Helper()
		var reader io.Reader
		if body != nil {
			data, _ := json.Marshal(body)
			reader = bytes.NewReader(data)
		}
		path := strings.Replace(template, "{project_id}", projectID, 1)
		req, _ := http.NewRequest(method, sb.OnboardingURL.String()+"/v1"+path, reader)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		where := method + " " + path
		if resp.StatusCode != want {
			t.Errorf("%s = %d %s, want %d", where, resp.StatusCode, data, want)
			return
		}
		if !containsInt(s.statuses(t, method, template), resp.StatusCode) {
			t.Errorf("%s answered %d, which the contract does not document", where, resp.StatusCode)
		}
		exercised[method+" "+template] = true
		if resp.StatusCode == http.StatusOK && strings.HasSuffix(template, "api-credentials") && !regexp.MustCompile(`^"[0-9]+"$`).MatchString(resp.Header.Get("ETag")) {
			t.Errorf("%s: ETag %q is not a quoted revision", where, resp.Header.Get("ETag"))
		}
		if schema := s.responseSchema(t, method, template, resp.StatusCode); schema != nil {
			var value any
			if err := json.Unmarshal(data, &value); err != nil {
				t.Errorf("%s: body is not JSON: %s", where, data)
				return
			}
			s.checkRequired(t, where, schema, value)
			if strings.Contains(string(data), account.AccessToken) || strings.Contains(string(data), account.ClientSecret) {
				t.Errorf("%s returned a secret", where)
			}
		}
	}
	const project, creds = "/projects/{project_id}", "/projects/{project_id}/api-credentials"
	call("GET", project, "acme", sb.OnboardingToken, nil, 200)
	call("GET", project, "acme", "", nil, 401)
	call("GET", project, "acme", "wrong", nil, 401)
	call("GET", project, "nobody", sb.OnboardingToken, nil, 404)
	call("GET", creds, "acme", sb.OnboardingToken, nil, 404)
	call("PUT", creds, "acme", sb.OnboardingToken, bad, 422)
	call("PUT", creds, "acme", sb.OnboardingToken, map[string]string{"store_hash": "acme0001"}, 422)
	call("PUT", creds, "bound", sb.OnboardingToken, good, 409)
	call("PUT", creds, "nobody", sb.OnboardingToken, good, 404)
	call("PUT", creds, "acme", sb.OnboardingToken, good, 412, "If-Match", `"1"`)
	call("PUT", creds, "acme", sb.OnboardingToken, good, 200, "If-None-Match", "*")
	call("PUT", creds, "acme", sb.OnboardingToken, good, 412, "If-None-Match", "*")
	call("PUT", creds, "acme", sb.OnboardingToken, good, 422, "If-None-Match", `"1"`)
	call("PUT", creds, "acme", sb.OnboardingToken, good, 200, "If-Match", `"1"`)
	call("GET", creds, "acme", sb.OnboardingToken, nil, 200)
	call("GET", project, "acme", sb.OnboardingToken, nil, 200)
	call("DELETE", creds, "acme", sb.OnboardingToken, nil, 412, "If-Match", `"1"`)
	call("DELETE", creds, "acme", sb.OnboardingToken, nil, 204, "If-Match", `"2"`)
	call("DELETE", creds, "acme", sb.OnboardingToken, nil, 404)
	call("DELETE", creds, "acme", "", nil, 401)

	paths, _ := dig(map[string]any(s), "paths").(map[string]any)
	for path, item := range paths {
		methods, _ := item.(map[string]any)
		for method := range methods {
			if method == "parameters" {
				continue
			}
			if key := strings.ToUpper(method) + " " + path; !exercised[key] {
				t.Errorf("%s is in the contract but was not exercised", key)
			}
		}
	}
}
