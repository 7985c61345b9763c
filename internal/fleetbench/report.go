package main

import (
	"fmt"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

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

func seconds(ds []time.Duration) float64 { return float64(median(durations(ds))) / 1000 }

func ratio(a, b []time.Duration) float64 { return seconds(a) / seconds(b) }

func render(opts options, results []measurement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Fleet benchmark\n\n")
	version, _ := exec.Command(opts.terraform, "version").Output()
	tfVersion, _, _ := strings.Cut(string(version), "\n")
	fmt.Fprintf(&b, "Measured by `make bench` on %s: %s/%s with %d CPUs, %s, %s, %d ms latency injected on every sandbox request, "+
		"verification delay 0, Terraform's default parallelism of %d. Each figure is the median of %d runs, with min–max.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), tfVersion,
		opts.latency.Milliseconds(), parallelism, opts.runs)
	fmt.Fprintf(&b, "Both bounds add ceil(N/%d) × the round trips that cannot be avoided: %d for plan (the scope check, then the project read "+
		"that the module orders after it) and %d for apply (the plan's, the token check, the submission, and reading the verified "+
		"registration). The `terraform_data` bound is the same shape built of `terraform_data`. The fair bound runs the same module "+
		"against a no-op provider of the same shape (`internal/fleetbench/noopprovider`), whose data source and resources read the "+
		"credentials files and send no request: what is left above it is the provider's own work.\n\n", parallelism, planRoundTrips, applyRoundTrips)
	b.WriteString("| N | plan | fair bound | ratio | `terraform_data` bound | ratio | apply | fair bound | ratio | `terraform_data` bound | ratio | " +
		"BigCommerce requests per store (plan / apply) | Onboarding Center requests per store (plan / apply) | provider peak RSS |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, m := range results {
		fmt.Fprintf(&b, "| %d | %s | %.2f s | %.2f× | %.2f s | %.2f× | %s | %.2f s | %.2f× | %.2f s | %.2f× | %.1f / %.1f | %.1f / %.1f | %.0f MB |\n",
			m.n, spread(m.plan), seconds(m.fairPlan), ratio(m.plan, m.fairPlan), seconds(m.boundPlan), ratio(m.plan, m.boundPlan),
			spread(m.apply), seconds(m.fairApply), ratio(m.apply, m.fairApply), seconds(m.boundApply), ratio(m.apply, m.boundApply),
			median(m.bcPlan), median(m.bcApply), median(m.onboardPlan), median(m.onboardApply), median(m.rssMB))
	}
	return b.String()
}
