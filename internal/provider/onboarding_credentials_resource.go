package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
)

var (
	_ resource.Resource                     = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithConfigure        = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithConfigValidators = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithImportState      = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithUpgradeState     = (*onboardingCredentialsResource)(nil)
)

// onboardingCredentialsResource registers credentials with an onboarding project.
type onboardingCredentialsResource struct {
	data *providerData
}

func newOnboardingCredentialsResource() resource.Resource {
	return &onboardingCredentialsResource{}
}

func (r *onboardingCredentialsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_onboarding_credentials"
}

func (r *onboardingCredentialsResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	formField := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true, Computed: true}
	}
	resp.Schema = schema.Schema{
		// Version 1 keeps the registration's owner in private state.
		Version: 1,
		MarkdownDescription: "Registers a store's BigCommerce API credentials with the \"API Credentials\" task of its project in Modern Retail's " +
			"Onboarding Center, as the merchant would by uploading the credentials file or typing its fields into the form, and waits for the " +
			"Onboarding Center to verify them.\n\n" +
			"Give the credentials in one of two forms:\n\n" +
			"- **The file upload:** write-only `credentials_wo` with the downloaded file's text, for example `file(\"acme-outdoor.txt\")`, and " +
			"`credentials_wo_version`. The file is parsed during plan, so `store_hash`, `client_id`, `client_name` and `api_path` are known at plan, " +
			"and state holds no secret at all (Terraform 1.11 and later).\n" +
			"- **The form:** `store_hash`, `client_id`, `client_name` and `api_path`, with `access_token` and `client_secret` (stored in state, " +
			"marked sensitive), or write-only `access_token_wo` and `client_secret_wo` with `credentials_wo_version`. Wire them from " +
			"`modernretail_bigcommerce_credentials`, or from its ephemeral counterpart for the write-only arguments.\n\n" +
			"During plan, once the credentials are known, the project is read (an unknown project, or one bound to another store, fails the plan " +
			"on `project_id`) and the account's OAuth scopes are checked as `modernretail_bigcommerce_scopes` does, failing the plan with the " +
			"same diagnostics; `require_scopes = false` turns the check off. An inconclusive check (BigCommerce unreachable, failing or " +
			"answering in a way that proves nothing) fails the plan too: a scope never counts as granted without proof.\n\n" +
			"Every submission carries an `Idempotency-Key` derived from what it submits, so a retried or re-run apply never makes a second " +
			"registration. Credentials withdrawn in the Onboarding Center, other credentials uploaded there, or a rejection there show up at the " +
			"next plan and are submitted anew. Bumping `credentials_wo_version` submits the same credentials again.\n\n" +
			"**Change made elsewhere is never overwritten blindly.** Every write is conditional on the registration's revision (its `ETag`), " +
			"and carries an opaque owner that the provider generates at the first write and keeps in private state:\n\n" +
			"- **Create:** when the project already holds the same secrets uploaded by hand, they are adopted: written again with the " +
			"configured values and this configuration's owner over exactly that revision, so state equals the registration and the next " +
			"plan is empty. Other credentials fail the plan (or, where the plan could not read the project, the apply), naming the " +
			"registered client ID: import the registration or withdraw it in the Onboarding Center. The same credentials written by " +
			"another owner (another configuration, or an interrupted apply of this one) are adopted the same way, with a warning: each " +
			"registration has one owner, and the other configuration's destroy then leaves it in place.\n" +
			"- **Update:** only the revision that state knows is replaced. If someone registered other credentials since the last " +
			"refresh, the apply fails and asks to plan again, which shows the change.\n" +
			"- **Destroy:** only a registration this configuration owns is withdrawn: one whose revision carries its owner, or the revision " +
			"it imported. Newer credentials registered elsewhere are left in place, with a warning, and the resource leaves state.\n" +
			"- **Import** takes ownership explicitly, with a warning.\n" +
			"- **Timeouts:** an update whose answer arrives after `timeouts.update` fails; the next plan recognises the revision by its " +
			"owner and records it. An update whose verification times out or is rejected records the submitted revision and fails; " +
			"the next apply waits for it, or resubmits it in place. A create in the same case succeeds with a warning, because " +
			"Terraform replaces a failed create, and the next plan shows the wait or the resubmission.\n" +
			"- **Leaving:** the plan-time checks fail only a plan that would submit credentials, and warn otherwise, so a destroy works " +
			"with BigCommerce down, the token revoked or a scope removed. A scope lost by registered credentials plans a change of " +
			"`missing_scopes`, so `terraform plan -detailed-exitcode` exits 2, and the apply fails.\n\n" +
			"**Rotation:** a new credentials file, at the same path or another, or a new `credentials_wo` text, plans an in-place " +
			"update that shows the new `client_id` and `fingerprint`, and warns that deleting the old API account in the BigCommerce " +
			"control panel is what revokes the old token. With `credentials_wo`, the file's text is read during plan, so a new file is " +
			"seen by its fingerprint even when `credentials_wo_version` stays the same. Switching between the form and `credentials_wo` " +
			"with the same credentials is an in-place update that submits nothing.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The onboarding project's id. Changing it plans a replacement.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(onboarding.ProjectIDPattern),
					"must be 1 to 64 letters, digits, '_' or '-'")},
			},
			"store_hash":  formField("The store hash. Set it in the form; with `credentials_wo` it is read from the file at plan."),
			"client_id":   formField("The API account's client ID. Set it in the form; with `credentials_wo` it is read from the file at plan."),
			"client_name": formField("The API account's name. Optional in the form; with `credentials_wo` it is read from the file at plan."),
			"api_path": formField("The API path, `https://api.bigcommerce.com/stores/{store_hash}/v3/`. In the form it defaults to that path; " +
				"with `credentials_wo` it is read from the file at plan."),
			"access_token": schema.StringAttribute{
				MarkdownDescription: "The access token, in the form. Stored in state, marked sensitive; prefer `access_token_wo`.",
				Optional:            true,
				Sensitive:           true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "The client secret, in the form. Stored in state, marked sensitive; prefer `client_secret_wo`.",
				Optional:            true,
				Sensitive:           true,
			},
			"access_token_wo": schema.StringAttribute{
				MarkdownDescription: "The access token, in the form, kept out of plan and state. Needs `credentials_wo_version`.",
				Optional:            true,
				Sensitive:           true,
				WriteOnly:           true,
			},
			"client_secret_wo": schema.StringAttribute{
				MarkdownDescription: "The client secret, in the form, kept out of plan and state. Needs `credentials_wo_version`.",
				Optional:            true,
				Sensitive:           true,
				WriteOnly:           true,
			},
			"credentials_wo": schema.StringAttribute{
				MarkdownDescription: "The downloaded credentials file's text, as uploaded in the Onboarding Center, kept out of plan and state. " +
					"Parsed at plan like `modernretail_bigcommerce_credentials`. Needs `credentials_wo_version`.",
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
			},
			"credentials_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of the write-only credentials. Required with `credentials_wo`, `access_token_wo` and `client_secret_wo`; " +
					"bump it to submit the same credentials again.",
				Optional: true,
			},
			"require_scopes": schema.BoolAttribute{
				MarkdownDescription: "Check the account's OAuth scopes during plan and fail it when one is missing. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"wait_for_verification": schema.BoolAttribute{
				MarkdownDescription: "Wait, within `timeouts`, until the Onboarding Center has verified or rejected the credentials; a rejection is an error. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
				Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long a create may take: the submission, its retries and the wait for verification. " + defaultsTo(defaultVerificationTimeout),
				ReadDescription:   "How long a refresh may take, retries and rate-limit waits included. " + defaultsTo(defaultReadTimeout),
				UpdateDescription: "How long an update may take, as for `create`. " + defaultsTo(defaultVerificationTimeout),
				DeleteDescription: "How long a destroy may take to withdraw the registration, retries included. " + defaultsTo(defaultDeleteTimeout),
			}),
			"id": schema.StringAttribute{
				MarkdownDescription: "The project id.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The API Credentials task's status: `pending`, `submitted`, `verified` or `rejected`.",
				Computed:            true,
			},
			"fingerprint": schema.StringAttribute{
				MarkdownDescription: "SHA-256 over the registered secrets, as the Onboarding Center reports it; it changes when other credentials are registered.",
				Computed:            true,
			},
			"revision": schema.Int64Attribute{
				MarkdownDescription: "The registration's revision; each accepted submission adds one.",
				Computed:            true,
			},
			"submitted_at": schema.StringAttribute{
				MarkdownDescription: "When the registered credentials were submitted (RFC 3339).",
				Computed:            true,
			},
			"verification_message": schema.StringAttribute{
				MarkdownDescription: "The Onboarding Center's verification message.",
				Computed:            true,
			},
			"missing_scopes": schema.ListAttribute{
				MarkdownDescription: "Scopes the Onboarding Center found missing when it rejected the credentials, or that the plan-time check finds " +
					"the registered account has lost since; the apply then fails.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"unverified": schema.ListAttribute{
				MarkdownDescription: "Required scopes that the plan-time check proved only in part, as `modernretail_bigcommerce_scopes` reports them: " +
					"the level below the required one is proven, and the required level cannot be proven without changing store data. " +
					"For a correct account this is `[\"store_v2_transactions\"]`. Null when `require_scopes` is false.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

// UpgradeState takes a state from before registrations had owners as it is:
// its attributes are the same, and it owns the revision it recorded until its
// next write gives the registration this configuration's owner.
func (r *onboardingCredentialsResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	var current resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &current)
	prior := current.Schema
	prior.Version = 0
	return map[int64]resource.StateUpgrader{
		0: {
			PriorSchema: &prior,
			StateUpgrader: func(_ context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
				resp.State.Raw = req.State.Raw.Copy()
			},
		},
	}
}

func (r *onboardingCredentialsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, diags := providerDataFrom(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	r.data = data
}
