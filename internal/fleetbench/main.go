// Command fleetbench measures terraform plan and apply for fleets of stores
// against the sandbox, with latency injected on every request, and compares
// them with two lower bounds: the same shape built of terraform_data, and the
// fair bound, a no-op provider of the same shape (noopprovider) that reads the
// files and does no network work; each plus the round trips that cannot be
// avoided. Run it with make bench.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/devoverrides"
)

// Round trips that each store's work cannot avoid, in sequence, at Terraform's parallelism.
const (
	// planRoundTrips: the scope check, then the registration's project read, which the module orders after it.
	planRoundTrips = 2
	// applyRoundTrips: the plan's two, the token check at create, the submission, and reading the verified registration.
	applyRoundTrips = planRoundTrips + 3
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
	fairPlan, fairApply       []time.Duration
	bcPlan, bcApply           []float64
	onboardPlan, onboardApply []float64
	rssMB                     []float64
}

// providers are the two builds the fleets run against.
type providers struct {
	real, noop       string
	realEnv, noopEnv []string
}

func run(opts options) error {
	tmp, err := os.MkdirTemp("", "fleetbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var p providers
	base := append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0")
	for _, b := range []struct {
		dir, pkg string
		bin      *string
		env      *[]string
	}{{"real", ".", &p.real, &p.realEnv}, {"noop", "./internal/fleetbench/noopprovider", &p.noop, &p.noopEnv}} {
		// The builds and their dev_overrides come from the script the demo uses.
		config, err := devoverrides.Setup(".", filepath.Join(tmp, b.dir), b.pkg)
		if err != nil {
			return err
		}
		*b.bin, *b.env = devoverrides.Provider(filepath.Join(tmp, b.dir)), append(slices.Clone(base), "TF_CLI_CONFIG_FILE="+config)
	}
	var results []measurement
	for _, n := range opts.sizes {
		m := measurement{n: n}
		for r := range opts.runs {
			fmt.Printf("N=%d run %d/%d\n", n, r+1, opts.runs)
			if err := measureProvider(opts, tmp, p, n, &m); err != nil {
				return err
			}
			if err := measureBound(opts, tmp, p.realEnv, n, &m); err != nil {
				return err
			}
			if err := measureFair(opts, tmp, p, n, &m); err != nil {
				return err
			}
		}
		results = append(results, m)
	}
	table := render(opts, results)
	fmt.Print(table)
	return os.WriteFile(opts.out, []byte(table), 0o644)
}
