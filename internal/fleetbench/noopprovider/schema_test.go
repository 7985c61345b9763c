package main

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	realprovider "github.com/modernretail/terraform-provider-modernretail/internal/provider"
)

// attribute is what the benchmark depends on of one attribute.
type attribute struct {
	Type                                               string
	Required, Optional, Computed, Sensitive, WriteOnly bool
}

type attributeFlags interface {
	IsRequired() bool
	IsOptional() bool
	IsComputed() bool
	IsSensitive() bool
	IsWriteOnly() bool
}

func describe[T attributeFlags](a T, typ string) attribute {
	return attribute{Type: typ, Required: a.IsRequired(), Optional: a.IsOptional(), Computed: a.IsComputed(), Sensitive: a.IsSensitive(), WriteOnly: a.IsWriteOnly()}
}

// schemas lists, per type name, the attributes of a provider's resources and data sources.
func schemas(t *testing.T, p provider.Provider) map[string]map[string]attribute {
	t.Helper()
	ctx := context.Background()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	out := map[string]map[string]attribute{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		attrs := map[string]attribute{}
		for name, a := range s.Schema.Attributes {
			attrs[name] = describe(a, a.GetType().String())
		}
		out["resource "+m.TypeName] = attrs
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var m datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		attrs := map[string]attribute{}
		for name, a := range s.Schema.Attributes {
			attrs[name] = describe(a, a.GetType().String())
		}
		out["data "+m.TypeName] = attrs
	}
	return out
}

// TestSchemaMatchesTheProvider checks that every attribute the no-op
// provider declares, which is every attribute the benchmark's module uses,
// has the real provider's type and flags, so the fair bound measures the same
// shape.
func TestSchemaMatchesTheProvider(t *testing.T) {
	wantSchemas := schemas(t, realprovider.New("test")())
	noopSchemas := schemas(t, noop{})
	if len(noopSchemas) == 0 {
		t.Fatal("the no-op provider declares nothing")
	}
	for typeName, attrs := range noopSchemas {
		want, ok := wantSchemas[typeName]
		if !ok {
			t.Errorf("%s: the real provider has no such type", typeName)
			continue
		}
		for name, got := range attrs {
			if w, ok := want[name]; !ok {
				t.Errorf("%s.%s: the real provider has no such attribute", typeName, name)
			} else if got != w {
				t.Errorf("%s.%s = %+v, the real provider's is %+v", typeName, name, got, w)
			}
		}
	}
}
