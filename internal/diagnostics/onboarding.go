package diagnostics

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
)

// OnboardingConfigInvalid reports arguments of modernretail_onboarding_credentials that do not fit together.
func OnboardingConfigInvalid(attribute path.Path, detail string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Invalid onboarding credentials configuration", detail+
		"\n\nGive the credentials in one of two forms: credentials_wo with the downloaded file's text and credentials_wo_version; "+
		"or store_hash and client_id with access_token and client_secret, or with access_token_wo, client_secret_wo and credentials_wo_version.")
	return diags
}

// OnboardingUnconfigured reports a provider without the Onboarding Center's
// URL or token, naming each setting that is missing; an empty value counts as
// missing. what says what needed them, such as "Reading the registration".
func OnboardingUnconfigured(attribute path.Path, what string, missing []string) diag.Diagnostics {
	var diags diag.Diagnostics
	detail := what + " needs the provider's onboarding_url and onboarding_token, or the MODERNRETAIL_ONBOARDING_URL and " +
		"MODERNRETAIL_ONBOARDING_TOKEN environment variables; an empty value counts as not set."
	if len(missing) > 0 {
		detail += " Not set: " + strings.Join(missing, " and ") + "."
	}
	diags.AddAttributeError(attribute, "Onboarding Center not configured", detail)
	return diags
}

// ImportIDInvalid reports an import id that is not a project id.
func ImportIDInvalid(id, pattern string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Invalid import id",
		fmt.Sprintf("The import id %s is not an onboarding project id: it must be 1 to 64 letters, digits, '_' or '-' (%s), "+
			"such as terraform import modernretail_onboarding_credentials.acme_outdoor acme-outdoor. Nothing was read.", quoteAnswer(id), pattern))
	return diags
}

// OnboardingRequestFailed reports an Onboarding Center error, on the argument it concerns.
func OnboardingRequestFailed(attribute path.Path, projectID string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var apiErr *onboarding.APIError
	status := 0
	if errors.As(err, &apiErr) {
		status = apiErr.Status
	}
	switch status {
	case http.StatusUnauthorized:
		diags.AddError("Onboarding Center rejected the API token",
			fmt.Sprintf("%s.\n\nCheck the provider's onboarding_token (or MODERNRETAIL_ONBOARDING_TOKEN).", err))
	case http.StatusNotFound:
		diags.AddAttributeError(attribute, "Unknown onboarding project",
			fmt.Sprintf("The Onboarding Center has no project %q (%s). Check project_id against the project's address in the Onboarding Center.", projectID, err))
	case http.StatusConflict:
		diags.AddAttributeError(attribute, "Onboarding project bound to another store",
			fmt.Sprintf("%s.\n\nA project onboards one store. Check that project_id and the credentials file belong to the same store.", err))
	case http.StatusUnprocessableEntity:
		diags.AddAttributeError(attribute, "Onboarding Center refused the credentials", err.Error()+".")
	default:
		diags.AddAttributeError(attribute, "Onboarding Center request failed", fmt.Sprintf("Original Error: %s\n\n%s", err,
			"Check that the Onboarding Center URL is reachable, then run the Terraform command again; a repeated submission makes no second registration."))
	}
	return diags
}

// ProjectBoundElsewhere reports, at plan, a project bound to another store hash.
func ProjectBoundElsewhere(attribute path.Path, projectID, boundTo, storeHash string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Onboarding project bound to another store",
		fmt.Sprintf("Project %q is bound to store %s, but these credentials are for store %s. A project onboards one store: "+
			"check that project_id and the credentials belong to the same store.", projectID, boundTo, storeHash))
	return diags
}

// RegistrationRejected reports credentials the Onboarding Center rejected, with the changes that fix them.
// On a create it is a warning: see createdAnyway.
func RegistrationRejected(attribute path.Path, projectID, message string, changes []string, created bool) diag.Diagnostics {
	var b strings.Builder
	fmt.Fprintf(&b, "The Onboarding Center rejected the credentials of project %q: %s", projectID, message)
	if len(changes) > 0 {
		fmt.Fprintf(&b, "\n\n%s, and:\n\n", accountLocation(""))
		for _, c := range changes {
			fmt.Fprintf(&b, "  - %s\n", c)
		}
		b.WriteString("\nThen run terraform apply again to submit them anew, in place.")
	} else {
		b.WriteString("\n\nFix the cause, then run terraform apply again to submit them anew, in place.")
	}
	var diags diag.Diagnostics
	if created {
		diags.AddAttributeWarning(attribute, "Credentials rejected by the Onboarding Center", b.String()+"\n\n"+createdAnyway)
		return diags
	}
	diags.AddAttributeError(attribute, "Credentials rejected by the Onboarding Center", b.String())
	return diags
}

// createdAnyway says why a create whose registration was answered never fails:
// Terraform would mark it tainted, and its replacement would find this
// configuration's own registration without knowing it.
const createdAnyway = "The create still succeeds, so that state records the registration as this configuration's own: a failed create would " +
	"be replaced, not resumed. The next plan shows the registration being submitted again or awaited in place, and " +
	"terraform plan -detailed-exitcode exits 2 until it is verified."

// VerificationTimedOut reports a submission whose verification did not finish within the timeout.
// On a create it is a warning: see createdAnyway.
func VerificationTimedOut(projectID string, revision int64, waited string, created bool) diag.Diagnostics {
	var diags diag.Diagnostics
	what := fmt.Sprintf("The credentials of project %q were submitted (revision %d), but the Onboarding Center had not verified them after %s. "+
		"Run terraform apply again to keep waiting: the same submission makes no new revision. To wait longer, raise timeouts.create and "+
		"timeouts.update; to not wait at all, set wait_for_verification = false.", projectID, revision, waited)
	if created {
		diags.AddWarning("Timed out waiting for verification", what+"\n\n"+createdAnyway)
		return diags
	}
	diags.AddError("Timed out waiting for verification", what)
	return diags
}

// ScopesLost reports, at apply, registered credentials whose account lost required scopes since they were registered.
func ScopesLost(attribute path.Path, storeHash string, missing []string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Missing BigCommerce OAuth scopes",
		fmt.Sprintf("The API account of store %s, whose credentials are registered, has lost required scopes since: %s. %s, grant them, and plan again.",
			storeHash, strings.Join(missing, ", "), accountLocation("")))
	return diags
}

// RegistrationGone warns that the registration disappeared, so it is planned anew.
func RegistrationGone(projectID string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Onboarding registration withdrawn",
		fmt.Sprintf("Project %q has no registered API credentials any more (withdrawn in the Onboarding Center, or the project is gone), so they are planned anew.", projectID))
	return diags
}

// describeRegistration names a registration by what people see of it in the Onboarding Center.
func describeRegistration(reg *onboarding.Registration) string {
	if reg == nil {
		return "nothing is registered now"
	}
	return fmt.Sprintf("it now holds client ID %s of store %s, submitted %s (revision %d, %s)", reg.ClientID, reg.StoreHash, reg.SubmittedAt, reg.Revision, reg.Status)
}

// RegistrationTaken reports a project that holds other credentials than the
// configuration's, found at plan or when a create's precondition failed.
func RegistrationTaken(attribute path.Path, projectID string, current *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Onboarding project already has other credentials",
		fmt.Sprintf("Project %q already has API credentials that differ from this configuration's: %s. They were uploaded in the Onboarding Center or by "+
			"another configuration, and are never overwritten blindly.\n\nIf this configuration should manage them, import the registration "+
			"(terraform import <address> %s), then plan again to see what would change. Otherwise withdraw them in the Onboarding Center, "+
			"or leave the project to the configuration that manages it.", projectID, describeRegistration(current), projectID))
	return diags
}

// RegistrationChanged reports a registration that changed outside this
// configuration between the plan and the write.
func RegistrationChanged(attribute path.Path, projectID, when string, current *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Onboarding registration changed outside this configuration",
		fmt.Sprintf("The registration of project %q changed %s, so this apply did not write over it: %s. Someone uploaded or withdrew credentials in "+
			"the Onboarding Center, or another configuration did.\n\nRun terraform plan again to see the registration as it is now and what this "+
			"configuration would change.", projectID, when, describeRegistration(current)))
	return diags
}

// RegistrationLeftInPlace warns that destroy found a registration newer than the one this state wrote.
func RegistrationLeftInPlace(projectID string, written int64, current *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Onboarding registration left in place",
		fmt.Sprintf("This state wrote revision %d of project %q's registration, but %s. The newer credentials were registered elsewhere, so they "+
			"are left in place and only removed from this state. Withdraw them in the Onboarding Center if they should go too.",
			written, projectID, describeRegistration(current)))
	return diags
}

// RegistrationTakeover warns, at plan, that a create adopts the same credentials
// that another configuration, or an interrupted apply of this one, wrote.
func RegistrationTakeover(projectID string, current *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Onboarding registration owned by another configuration",
		fmt.Sprintf("Project %q already has these credentials registered, written by another Terraform configuration or by an earlier apply "+
			"of this one that was interrupted before it reached state: %s. Each registration has one owner, and only the owner's destroy "+
			"withdraws it. This apply adopts it: it writes the same credentials again with this configuration's owner, and the other "+
			"configuration's destroy then leaves it in place with a warning. If the other configuration should keep it, remove this "+
			"resource instead.", projectID, describeRegistration(current)))
	return diags
}

// RegistrationTakenOver warns, at apply, that an adoption took the registration from another owner.
func RegistrationTakenOver(projectID string, revision int64) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Onboarding registration taken over",
		fmt.Sprintf("This configuration now owns the registration of project %q (revision %d), which another configuration, or an "+
			"interrupted apply of this one, had written with the same credentials. The other configuration's destroy leaves it in place; "+
			"remove it from that configuration's state.", projectID, revision))
	return diags
}

// RegistrationImported warns that an import took ownership of a registration.
func RegistrationImported(projectID string, reg *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Onboarding registration imported",
		fmt.Sprintf("This configuration now owns the registration of project %q (%s): terraform destroy withdraws it, and the next "+
			"credentials this configuration submits replace it. A configuration that wrote it before no longer withdraws it once it is "+
			"replaced; remove it from that configuration's state.", projectID, strings.TrimPrefix(describeRegistration(reg), "it now holds ")))
	return diags
}

// SubmissionUncertain reports a submission whose answer did not arrive within the timeout.
func SubmissionUncertain(projectID, waited, setting string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Timed out submitting the credentials",
		fmt.Sprintf("No answer to the submission of project %q's credentials arrived within %s, so it may or may not have been "+
			"registered. Run terraform apply again: the next plan reads the registration, recognises a submission of this configuration's "+
			"by its fingerprint and owner and records it as this state's own, and submits only what did not arrive. To wait longer, raise %s.",
			projectID, waited, setting))
	return diags
}

// AsWarnings turns errors into warnings, for checks that must not block a
// plan that writes nothing, such as the refresh that precedes a destroy.
func AsWarnings(in diag.Diagnostics) diag.Diagnostics {
	out := make(diag.Diagnostics, 0, len(in))
	for _, d := range in {
		if d.Severity() != diag.SeverityError {
			out = append(out, d)
			continue
		}
		var p path.Path
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			p = withPath.Path()
		}
		detail := d.Detail() + "\n\nThis plan submits no credentials, so this is a warning; an apply that would submit them fails on it."
		if p.Equal(path.Empty()) {
			out.AddWarning(d.Summary(), detail)
		} else {
			out.AddAttributeWarning(p, d.Summary(), detail)
		}
	}
	return out
}

// RegistrationUnrecorded reports private state that could not be encoded.
func RegistrationUnrecorded(err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Cannot record the registration",
		fmt.Sprintf("The provider could not encode the registration's owner and revision for its private state (%s). Report it to the "+
			"provider's maintainers with the command you ran. Nothing changed in the Onboarding Center because of it: run terraform plan again.", err))
	return diags
}
