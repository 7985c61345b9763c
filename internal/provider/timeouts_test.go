package provider

import (
	"testing"
	"time"
)

func TestDefaultsTo(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Minute: "Defaults to 10m.",
		90 * time.Second: "Defaults to 1m30s.",
		2 * time.Hour:    "Defaults to 2h.",
	} {
		if got := defaultsTo(d); got != want {
			t.Errorf("defaultsTo(%v) = %q, want %q", d, got, want)
		}
	}
}
