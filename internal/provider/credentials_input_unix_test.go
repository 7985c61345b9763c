//go:build !windows

package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
)

// mkfifo makes a named pipe that no one writes to.
func mkfifo(t *testing.T) string {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "creds.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	return fifo
}

// TestLoadCredentialsRefusesWhatCouldBlock reads a FIFO with no writer, a
// device and a directory, each within a deadline: none may block.
func TestLoadCredentialsRefusesWhatCouldBlock(t *testing.T) {
	for name, tc := range map[string]struct{ path, want string }{
		"fifo":      {mkfifo(t), "named pipe (FIFO)"},
		"device":    {"/dev/zero", "it is a device"},
		"directory": {t.TempDir(), "it is a directory"},
	} {
		t.Run(name, func(t *testing.T) {
			done := make(chan string, 1)
			go func() {
				_, diags := loadCredentials(context.Background(), credentialsInput{Filename: types.StringValue(tc.path), Content: types.StringNull()})
				if !diags.HasError() {
					done <- "no error"
					return
				}
				done <- diags.Errors()[0].Detail()
			}()
			select {
			case detail := <-done:
				if !strings.Contains(detail, tc.want) {
					t.Errorf("detail %q, want %q", detail, tc.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("reading blocked")
			}
		})
	}
}

func TestLoadCredentialsStopsWhenCancelled(t *testing.T) {
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", acctest.Credentials(t, "ab12cd34ef"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, diags := loadCredentials(ctx, credentialsInput{Filename: types.StringValue(file), Content: types.StringNull()})
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "interrupted") {
		t.Errorf("diagnostics %v", diags)
	}
}

// TestAccCredentialsFile_fifoFailsPlan plans every reader of a credentials
// file against a FIFO that no one writes: each fails at once.
func TestAccCredentialsFile_fifoFailsPlan(t *testing.T) {
	fifo := mkfifo(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      fmt.Sprintf(`resource "modernretail_bigcommerce_credentials" "test" { filename = %q }`, fifo),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Cannot read credentials file.*named pipe \(FIFO\), not a regular file`),
			},
			{
				Config:      fmt.Sprintf(`data "modernretail_bigcommerce_scopes" "test" { filename = %q }`, fifo),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Cannot read credentials file.*named pipe \(FIFO\)`),
			},
		},
	})
}
