package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// frameworkView is the framework page: its metadata and the top of its tree.
type frameworkView struct {
	Info    casefile.FrameworkInfo
	Doc     *casefile.Document
	Tree    []treeNode
	Open    string
	Exports []exportLink
	// Expanded: the whole tree is shown; TooLarge: expanding was asked for
	// a framework too large to show at once.
	Expanded, TooLarge bool
}

type exportLink struct{ Label, Href, Type string }

// framework answers GET /frameworks/{id} (the page) and /frameworks/{id}.csv.
func (h *handler) framework(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if base, ok := strings.CutSuffix(id, ".csv"); ok {
		h.frameworkCSV(w, r, base)
		return
	}
	ctx := r.Context()
	info, err := h.deps.Store.Framework(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	doc, err := h.deps.Store.Document(ctx, info.Identifier)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	open := strings.TrimSpace(r.URL.Query().Get("open"))
	if len(open) > 512 {
		open = ""
	}
	var tree []treeNode
	expanded, tooLarge := false, false
	if r.URL.Query().Get("expand") == "all" {
		if tree, expanded, err = h.wholeTree(ctx, info.Identifier, info.Items); err != nil {
			h.fail(w, r, err)
			return
		}
		tooLarge = !expanded
	}
	if !expanded {
		if tree, err = h.topLevel(ctx, info.Identifier, open); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if open != "" {
		markCurrent(tree, open)
	}
	esc := url.PathEscape(info.Identifier)
	fv := frameworkView{Info: info, Doc: doc, Tree: tree, Open: open, Expanded: expanded, TooLarge: tooLarge, Exports: []exportLink{
		{"CASE 1.1 JSON", "/ims/case/v1p1/CFPackages/" + esc, "application/json"},
		{"CASE 1.0 JSON", "/ims/case/v1p0/CFPackages/" + esc, "application/json"},
		{"CSV", "/frameworks/" + esc + ".csv", "text/csv"},
	}}
	if h.deps.SheetExport {
		fv.Exports = append(fv.Exports,
			exportLink{"OpenSALT spreadsheet (XLSX)", "/api/v1/frameworks/" + esc + "/export?format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
			exportLink{"OpenSALT CSV", "/api/v1/frameworks/" + esc + "/export?format=csv", "text/csv"})
	}
	title := info.Title
	if title == "" {
		title = info.Identifier
	}
	h.render(w, r, http.StatusOK, "framework", h.newView(r, title, fv))
}
