// Command fleetbench measures terraform plan and apply for fleets of stores
// against the sandbox program, with latency injected on every request, and
// compares them with the lower bound: the same shape built of terraform_data,
// plus the round trips the provider cannot avoid. Run it with make bench.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/devoverrides"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Round trips that each store's work cannot avoid, in sequence, at Terraform's parallelism.
const (
	// planRoundTrips: the scope check, then the registration's project read, which the module orders after it.
	planRoundTrips = 2
	// applyRoundTrips: the plan's two, the token check at create, the submission, the Onboarding Center's own
	// check against BigCommerce, and reading the verified registration.
	applyRoundTrips = planRoundTrips + 4
	// parallelism is Terraform's default.
	parallelism = 10
)

type options struct {
	sizes     []int
	runs      int
	latency   time.Duration
	out       string
	terraform string
}

func main() {
	var sizes string
	var opts options
	flag.StringVar(&sizes, "sizes", "1,10,100", "comma-separated fleet sizes")
	flag.IntVar(&opts.runs, "runs", 3, "runs per measurement; the median is reported")
	latencyMs := flag.Int("latency-ms", 50, "latency injected on every sandbox request")
	flag.StringVar(&opts.out, "out", filepath.Join("internal", "fleetbench", "results.md"), "where to write the Markdown table")
	flag.Parse()
	opts.latency = time.Duration(*latencyMs) * time.Millisecond
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fatal(fmt.Errorf("bad size %q", s))
		}
		opts.sizes = append(opts.sizes, n)
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		fatal(errors.New("terraform is not on PATH"))
	}
	opts.terraform = tf
	if err := run(opts); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "fleetbench:", err)
	os.Exit(1)
}

// measurement is one fleet size's figures across runs.
type measurement struct {
	n                         int
	plan, apply               []time.Duration
	boundPlan, boundApply     []time.Duration
	bcPlan, bcApply           []float64
	onboardPlan, onboardApply []float64
	rssMB                     []float64
}

func run(opts options) error {
	tmp, err := os.MkdirTemp("", "fleetbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// The provider's build and its dev_overrides come from the script the demo uses.
	cliConfig, err := devoverrides.Setup(".", tmp)
	if err != nil {
		return err
	}
	provider := devoverrides.Provider(tmp)
	sandboxBin := filepath.Join(tmp, "sandbox")
	if out, err := exec.Command("go", "build", "-o", sandboxBin, "./internal/sandbox/cmd/sandbox").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0")

	var results []measurement
	for _, n := range opts.sizes {
		m := measurement{n: n}
		for r := range opts.runs {
			fmt.Printf("N=%d run %d/%d\n", n, r+1, opts.runs)
			if err := measureProvider(opts, tmp, sandboxBin, provider, env, n, &m); err != nil {
				return err
			}
			if err := measureBound(opts, tmp, env, n, &m); err != nil {
				return err
			}
		}
		results = append(results, m)
	}
	table := render(opts, results)
	fmt.Print(table)
	return os.WriteFile(opts.out, []byte(table), 0o644)
}

// measureProvider runs plan and apply of n stores through the per-store module.
func measureProvider(opts options, tmp, sandboxBin, provider string, env []string, n int, m *measurement) error {
	work, err := os.MkdirTemp(tmp, "fleet")
	if err != nil {
		return err
	}
	delay := 0
	fixture := sandbox.Fixture{Onboarding: &sandbox.OnboardingFixture{VerificationDelayMs: &delay}}
	var stores []string
	for i := range n {
		hash := fmt.Sprintf("fleet%05d", i)
		fixture.Stores = append(fixture.Stores, sandbox.Store{StoreHash: hash, APIAccounts: []sandbox.APIAccount{{Scopes: scopes.Required, File: hash + ".txt"}}})
		fixture.Onboarding.Projects = append(fixture.Onboarding.Projects, sandbox.ProjectFixture{ID: "p-" + hash})
		stores = append(stores, hash)
	}
	fixtureFile := filepath.Join(work, "fixture.json")
	data, _ := json.Marshal(fixture)
	if err := os.WriteFile(fixtureFile, data, 0o600); err != nil {
		return err
	}
	sb, ready, err := startSandbox(sandboxBin, fixtureFile, filepath.Join(work, "credentials"))
	if err != nil {
		return err
	}
	defer func() {
		_ = sb.Process.Signal(syscall.SIGTERM)
		_ = sb.Wait()
	}()
	faults := fmt.Sprintf(`{"latency_ms": %d, "rate_limit_quota": 1000000}`, opts.latency.Milliseconds())
	for _, u := range []string{ready["bigcommerce_url"], ready["onboarding_url"]} {
		if err := put(u+"/_sandbox/faults", faults); err != nil {
			return err
		}
	}
	if err := os.CopyFS(filepath.Join(work, "modules"), os.DirFS(filepath.Join("examples", "modules"))); err != nil {
		return err
	}
	root := filepath.Join(work, "root")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(fleetConfig(stores, filepath.Join(work, "credentials"), "../modules/store-onboarding")), 0o600); err != nil {
		return err
	}
	env = append(env, "BIGCOMMERCE_API_URL="+ready["bigcommerce_url"], "MODERNRETAIL_ONBOARDING_URL="+ready["onboarding_url"], "MODERNRETAIL_ONBOARDING_TOKEN="+ready["onboarding_token"])
	if _, _, err := terraform(opts, root, env, "", "get"); err != nil {
		return err
	}
	counts := func() (float64, float64, error) {
		bc, err := requests(ready["bigcommerce_url"])
		if err != nil {
			return 0, 0, err
		}
		ob, err := requests(ready["onboarding_url"])
		return bc, ob, err
	}
	bc0, ob0, err := counts()
	if err != nil {
		return err
	}
	elapsed, rss, err := terraform(opts, root, env, provider, "plan", "-lock=false", "-out=fleet.plan")
	if err != nil {
		return err
	}
	bc1, ob1, err := counts()
	if err != nil {
		return err
	}
	m.plan, m.bcPlan, m.onboardPlan = append(m.plan, elapsed), append(m.bcPlan, (bc1-bc0)/float64(n)), append(m.onboardPlan, (ob1-ob0)/float64(n))
	// Apply runs its own plan, as CI does with -auto-approve.
	elapsed, rss2, err := terraform(opts, root, env, provider, "apply", "-auto-approve", "-lock=false")
	if err != nil {
		return err
	}
	bc2, ob2, err := counts()
	if err != nil {
		return err
	}
	m.apply, m.bcApply, m.onboardApply = append(m.apply, elapsed), append(m.bcApply, (bc2-bc1)/float64(n)), append(m.onboardApply, (ob2-ob1)/float64(n))
	m.rssMB = append(m.rssMB, math.Max(rss, rss2))
	return nil
}

// measureBound runs the same shape made of terraform_data, which calls no API.
func measureBound(opts options, tmp string, env []string, n int, m *measurement) error {
	work, err := os.MkdirTemp(tmp, "bound")
	if err != nil {
		return err
	}
	module := filepath.Join(work, "store")
	if err := os.MkdirAll(module, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(module, "main.tf"), []byte(boundModule), 0o600); err != nil {
		return err
	}
	root := filepath.Join(work, "root")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	var stores []string
	for i := range n {
		stores = append(stores, fmt.Sprintf("fleet%05d", i))
	}
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(fleetConfig(stores, work, "../store")), 0o600); err != nil {
		return err
	}
	if _, _, err := terraform(opts, root, env, "", "get"); err != nil {
		return err
	}
	planTime, _, err := terraform(opts, root, env, "", "plan", "-lock=false", "-out=fleet.plan")
	if err != nil {
		return err
	}
	applyTime, _, err := terraform(opts, root, env, "", "apply", "-auto-approve", "-lock=false")
	if err != nil {
		return err
	}
	rounds := time.Duration(math.Ceil(float64(n)/parallelism)) * opts.latency
	m.boundPlan = append(m.boundPlan, planTime+planRoundTrips*rounds)
	m.boundApply = append(m.boundApply, applyTime+applyRoundTrips*rounds)
	return nil
}

// boundModule has the per-store module's shape with terraform_data in place of the provider's parts.
const boundModule = `
variable "credentials_file" {
  type = string
}

variable "project_id" {
  type = string
}

resource "terraform_data" "scopes" {
  input = var.credentials_file
}

resource "terraform_data" "credentials" {
  input = var.credentials_file
}

resource "terraform_data" "registration" {
  input      = [var.project_id, terraform_data.credentials.output]
  depends_on = [terraform_data.scopes]
}

output "status" {
  value = terraform_data.registration.output
}
`

func fleetConfig(stores []string, credentialsDir, module string) string {
	var b strings.Builder
	b.WriteString("locals {\n  stores = {\n")
	for _, s := range stores {
		fmt.Fprintf(&b, "    %q = %q\n", s, filepath.Join(credentialsDir, s+".txt"))
	}
	fmt.Fprintf(&b, "  }\n}\n\nmodule \"store\" {\n  source   = %q\n  for_each = local.stores\n\n  credentials_file = each.value\n  project_id       = \"p-${each.key}\"\n}\n", module)
	return b.String()
}

// terraform runs one command and returns its wall time and, when provider is
// given, the peak resident memory of that provider's processes in MB.
func terraform(opts options, dir string, env []string, provider string, args ...string) (time.Duration, float64, error) {
	cmd := exec.Command(opts.terraform, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	var peak float64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if provider != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				peak = math.Max(peak, peakRSS(provider))
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
	}
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		return 0, 0, fmt.Errorf("terraform %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out.String())
	}
	return elapsed, peak, nil
}

// peakRSS returns the largest VmHWM, in MB, among running processes of the binary.
func peakRSS(binary string) float64 {
	if runtime.GOOS != "linux" {
		return 0
	}
	var peak float64
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range procs {
		if exe, err := os.Readlink(filepath.Join(p, "exe")); err != nil || exe != binary {
			continue
		}
		status, err := os.ReadFile(filepath.Join(p, "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
					peak = math.Max(peak, kb/1024)
				}
			}
		}
	}
	return peak
}

func startSandbox(bin, fixture, credentialsDir string) (*exec.Cmd, map[string]string, error) {
	cmd := exec.Command(bin, "-fixture", fixture, "-credentials-dir", credentialsDir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, nil, fmt.Errorf("the sandbox did not start: %v", err)
	}
	ready := map[string]string{}
	if err := json.Unmarshal([]byte(line), &ready); err != nil {
		_ = cmd.Process.Kill()
		return nil, nil, err
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return cmd, ready, nil
}

func put(url, body string) error {
	req, err := http.NewRequest(http.MethodPut, url, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("PUT %s: %s", url, resp.Status)
	}
	return nil
}

// requests counts the provider's requests to one sandbox listener.
func requests(base string) (float64, error) {
	resp, err := http.Get(base + "/_sandbox/stats")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var stats sandbox.Stats
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		return 0, err
	}
	total := 0
	for _, st := range stats.Stores {
		total += st.Agents["terraform-provider-modernretail"]
	}
	return float64(total), nil
}

func median[T int64 | float64](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func durations(ds []time.Duration) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = d.Milliseconds()
	}
	return out
}

func spread(ds []time.Duration) string {
	ms := durations(ds)
	return fmt.Sprintf("%.2f s (%.2f–%.2f)", float64(median(ms))/1000, float64(slices.Min(ms))/1000, float64(slices.Max(ms))/1000)
}

func render(opts options, results []measurement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Fleet benchmark\n\n")
	version, _ := exec.Command(opts.terraform, "version").Output()
	tfVersion, _, _ := strings.Cut(string(version), "\n")
	fmt.Fprintf(&b, "Measured by `make bench` on %s: %s/%s with %d CPUs, %s, %s, %d ms latency injected on every sandbox request, "+
		"verification delay 0, Terraform's default parallelism of %d. Each figure is the median of %d runs, with min–max.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), tfVersion,
		opts.latency.Milliseconds(), parallelism, opts.runs)
	fmt.Fprintf(&b, "The lower bound is the same shape built of `terraform_data`, plus ceil(N/%d) × the round trips that cannot be avoided: "+
		"%d for plan (the scope check, then the project read that the module orders after it) and %d for apply (the plan's, the token check, "+
		"the submission, the Onboarding Center's own check, and reading the verified registration).\n\n", parallelism, planRoundTrips, applyRoundTrips)
	b.WriteString("| N | plan | plan bound | ratio | apply | apply bound | ratio | BigCommerce requests per store (plan / apply) | Onboarding Center requests per store (plan / apply) | provider peak RSS |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, m := range results {
		planRatio := float64(median(durations(m.plan))) / float64(median(durations(m.boundPlan)))
		applyRatio := float64(median(durations(m.apply))) / float64(median(durations(m.boundApply)))
		fmt.Fprintf(&b, "| %d | %s | %.2f s | %.2f× | %s | %.2f s | %.2f× | %.1f / %.1f | %.1f / %.1f | %.0f MB |\n",
			m.n, spread(m.plan), float64(median(durations(m.boundPlan)))/1000, planRatio,
			spread(m.apply), float64(median(durations(m.boundApply)))/1000, applyRatio,
			median(m.bcPlan), median(m.bcApply), median(m.onboardPlan), median(m.onboardApply), median(m.rssMB))
	}
	return b.String()
}
