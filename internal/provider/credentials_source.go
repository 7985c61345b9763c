package provider

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"runtime"

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
		data, diags, ok = readCredentialsFile(src)
		if !ok {
			return nil, diags
		}
	} else {
		data = []byte(in.Content.ValueString())
	}
	creds, findings := credentialsfile.Parse(data)
	if creds != nil {
		// Mask the secrets in every log line, whatever a later change logs.
		ctx = tflog.MaskAllFieldValuesStrings(ctx, creds.Secrets()...)
		ctx = tflog.MaskMessageStrings(ctx, creds.Secrets()...)
	}
	diags.Append(diagnostics.CredentialsFindings(src, findings)...)
	if creds == nil {
		return nil, diags
	}
	loaded := &loadedCredentials{Credentials: *creds, ContentSHA256: credentialsfile.ContentSHA256(data)}
	tflog.Debug(ctx, "Parsed BigCommerce credentials", map[string]any{
		"store_hash":     loaded.StoreHash,
		"client_id":      loaded.ClientID,
		"content_sha256": loaded.ContentSHA256,
		"warnings":       len(findings.Warnings()),
	})
	return loaded, diags
}

// readCredentialsFile reads at most one byte past the parser's limit.
func readCredentialsFile(src diagnostics.CredentialsSource) ([]byte, diag.Diagnostics, bool) {
	f, err := os.Open(src.Filename)
	if err != nil {
		return nil, diagnostics.CredentialsFileUnreadable(src, describeFileError(err)), false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, diagnostics.CredentialsFileUnreadable(src, describeFileError(err)), false
	}
	if info.IsDir() {
		return nil, diagnostics.CredentialsFileUnreadable(src, errors.New("it is a directory")), false
	}
	var diags diag.Diagnostics
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o004 != 0 {
		diags.Append(diagnostics.CredentialsFileWorldReadable(src)...)
	}
	data, err := io.ReadAll(io.LimitReader(f, credentialsfile.MaxSize+1))
	if err != nil {
		return nil, diagnostics.CredentialsFileUnreadable(src, describeFileError(err)), false
	}
	if len(data) > credentialsfile.MaxSize {
		return nil, diagnostics.CredentialsFileTooLarge(src, max(info.Size(), int64(len(data)))), false
	}
	return data, diags, true
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
	return err
}
