// Command pulumi-sdkgen-dotnet writes a Pulumi package's .NET SDK with Pulumi's .NET generator.
//
// Usage: pulumi-sdkgen-dotnet SCHEMA.json OUT_DIR   (writes OUT_DIR/dotnet)
//
// The .NET generator left pkg/v3 for github.com/pulumi/pulumi-dotnet, which the Go module proxy
// here does not serve; pkg/v3@v3.206.0, the version pulumi-yaml v1.25.0 builds with, still has
// it (v3.225.1 is the newest served that does), so this one is built against that version.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// offlineLogo answers the generator's one HTTP request: it downloads the package's logo.png (the
// schema's logoUrl, or Pulumi's from raw.githubusercontent.com) for the NuGet package. With no
// internet, a blank 64x64 PNG stands in.
type offlineLogo struct{}

func (offlineLogo) RoundTrip(request *http.Request) (*http.Response, error) {
	var logo bytes.Buffer
	if err := png.Encode(&logo, image.NewGray(image.Rect(0, 0, 64, 64))); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"image/png"}},
		Body:       io.NopCloser(&logo),
		Request:    request,
	}, nil
}

func run(schemaPath, outDir string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	// The schema refers to no other package: the loader is never asked for one.
	pkg, diags, err := schema.BindSpec(spec, nil, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s: %s", schemaPath, diags.Error())
	}
	files, err := dotnet.GeneratePackage("pulumi-sdkgen", pkg, nil, nil)
	if err != nil {
		return fmt.Errorf("dotnet: %w", err)
	}
	for name, content := range files {
		path := filepath.Join(outDir, "dotnet", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-sdkgen-dotnet SCHEMA.json OUT_DIR")
		os.Exit(2)
	}
	http.DefaultClient.Transport = offlineLogo{}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-sdkgen-dotnet:", err)
		os.Exit(1)
	}
}
