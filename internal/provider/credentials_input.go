package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
)

// Attribute descriptions shared by the resource and the ephemeral resource.
const (
	filenameDescription = "Path to the credentials `.txt` file that BigCommerce downloaded. Relative paths are resolved from the directory " +
		"Terraform runs in; use `\"${path.module}/...\"` for a file beside the configuration. Exactly one of `filename` and `content` is required. " +
		"A file readable by every user gets a warning."
	contentDescription      = "The credentials file's text, for example from a secret store. Exactly one of `filename` and `content` is required."
	storeHashDescription    = "The store hash, taken from `API PATH` (`https://api.bigcommerce.com/stores/{store_hash}/v3/`)."
	clientIDDescription     = "The API account's client ID (`CLIENT ID`)."
	clientNameDescription   = "The API account's name (`NAME`, else `CLIENT NAME`). Modern Retail's setup guide names it \"Modern Retail Integration\"; another name gets a warning. Empty when the file has neither line."
	apiPathDescription      = "The `API PATH` line as written in the file."
	accessTokenDescription  = "The access token (`ACCESS TOKEN`) that authenticates requests to the store's API."
	clientSecretDescription = "The API account's client secret (`CLIENT SECRET`)."
)

// credentialsInput is the filename-or-content pair shared by the resource and the ephemeral resource.
type credentialsInput struct {
	Filename types.String
	Content  types.String
	// ContentAttribute names the argument that holds Content; default "content".
	ContentAttribute string
}

// known reports whether the input can be read now.
func (in credentialsInput) known() bool {
	return !in.Filename.IsUnknown() && !in.Content.IsUnknown() && (!in.Filename.IsNull() || !in.Content.IsNull())
}

func (in credentialsInput) source() diagnostics.CredentialsSource {
	if !in.Filename.IsNull() {
		return diagnostics.CredentialsSource{Attribute: path.Root("filename"), Filename: in.Filename.ValueString()}
	}
	if in.ContentAttribute != "" {
		return diagnostics.CredentialsSource{Attribute: path.Root(in.ContentAttribute)}
	}
	return diagnostics.CredentialsSource{Attribute: path.Root("content")}
}

// loadedCredentials are parsed credentials with the digest of the text they came from.
type loadedCredentials struct {
	credentialsfile.Credentials
	ContentSHA256 string
}

// ID is the non-secret identifier of the API account.
func (c loadedCredentials) ID() string {
	return c.StoreHash + "/" + c.ClientID
}

// loadCredentials reads and parses the credentials named by the input.
func loadCredentials(ctx context.Context, in credentialsInput) (*loadedCredentials, diag.Diagnostics) {
	src := in.source()
	var data []byte
	var diags diag.Diagnostics
	if src.Filename != "" {
		var ok bool
		data, diags, ok = readCredentialsFile(ctx, src)
		if !ok {
			return nil, diags
		}
	} else {
		data = []byte(in.Content.ValueString())
	}
	secrets := credentialsfile.SecretsOf(data)
	// Mask every secret of the file in every log line, whatever a later change logs.
	ctx = secrets.MaskLogs(ctx)
	creds, findings := credentialsfile.Parse(data)
	diags.Append(diagnostics.CredentialsFindings(src, findings, secrets)...)
	if creds == nil {
		return nil, diags
	}
	loaded := &loadedCredentials{Credentials: *creds, ContentSHA256: credentialsfile.ContentSHA256(*creds)}
	tflog.Debug(ctx, "Parsed BigCommerce credentials", map[string]any{
		"store_hash":     loaded.StoreHash,
		"client_id":      loaded.ClientID,
		"content_sha256": loaded.ContentSHA256,
		"warnings":       len(findings.Warnings()),
	})
	return loaded, diags
}

// readChunk is how much of a credentials file one read takes, between checks
// for cancellation.
const readChunk = 4 << 10

// readCredentialsFile reads at most one byte past the parser's limit. Anything
// but a regular file (a FIFO, device, directory or socket) is refused before
// it is read, and it is opened without blocking, so a plan never hangs on it;
// reads stop when ctx ends, as on Ctrl-C.
func readCredentialsFile(ctx context.Context, src diagnostics.CredentialsSource) ([]byte, diag.Diagnostics, bool) {
	unreadable := func(err error) ([]byte, diag.Diagnostics, bool) {
		return nil, diagnostics.CredentialsFileUnreadable(src, describeFileError(err)), false
	}
	info, err := os.Stat(src.Filename)
	if err != nil {
		return unreadable(err)
	}
	if err := regularFile(info); err != nil {
		return unreadable(err)
	}
	f, err := os.OpenFile(src.Filename, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return unreadable(err)
	}
	defer f.Close()
	// The path may have been swapped since Stat; what was opened counts.
	if info, err = f.Stat(); err != nil {
		return unreadable(err)
	}
	if err := regularFile(info); err != nil {
		return unreadable(err)
	}
	var diags diag.Diagnostics
	if worldReadable(info) {
		diags.Append(diagnostics.CredentialsFileWorldReadable(src)...)
	}
	var data []byte
	buf := make([]byte, readChunk)
	for len(data) <= credentialsfile.MaxSize {
		if err := ctx.Err(); err != nil {
			return unreadable(err)
		}
		n, err := f.Read(buf)
		data = append(data, buf[:n]...)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return unreadable(err)
		}
	}
	if len(data) > credentialsfile.MaxSize {
		return nil, diagnostics.CredentialsFileTooLarge(src, max(info.Size(), int64(len(data)))), false
	}
	return data, diags, true
}

// regularFile refuses what a read could block on or that holds no file.
func regularFile(info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsRegular():
		return nil
	case mode.IsDir():
		return errors.New("it is a directory")
	case mode&fs.ModeNamedPipe != 0:
		return errors.New("it is a named pipe (FIFO), not a regular file; reading it could wait forever")
	case mode&fs.ModeSocket != 0:
		return errors.New("it is a socket, not a regular file")
	case mode&fs.ModeDevice != 0:
		return errors.New("it is a device, not a regular file")
	default:
		return fmt.Errorf("it is not a regular file (%s)", mode.Type())
	}
}

// describeFileError drops the path, which the diagnostic already names.
func describeFileError(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return errors.New("no such file")
		case errors.Is(err, fs.ErrPermission):
			return errors.New("permission denied")
		}
		return pathErr.Err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return errors.New("reading was interrupted")
	}
	return err
}
