package server

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// uriHTML answers the page for people: the item, framework or rubric page
// of the web UI when it is mounted, otherwise (and for every other kind) a
// plain page with the object's CASE JSON and links to its other forms.
func (s *Server) uriHTML(w http.ResponseWriter, r *http.Request, obj *uriObject) error {
	page := ""
	switch obj.kind {
	case "CFItem":
		page = "/items/" + url.PathEscape(obj.id)
	case "CFDocument":
		page = "/frameworks/" + url.PathEscape(obj.id)
	case "CFRubric", "CFRubricCriterion", "CFRubricCriterionLevel":
		page = "/rubrics/" + url.PathEscape(obj.id)
	}
	if page != "" && s.cfg.Web != nil {
		r2 := r.Clone(r.Context())
		r2.URL.Path, r2.URL.RawPath, r2.URL.RawQuery = page, "", ""
		s.cfg.Web.ServeHTTP(w, r2)
		return nil
	}
	data, err := obj.marshal(casefile.V1p1)
	if err != nil {
		return err
	}
	var pretty bytes.Buffer
	json.Indent(&pretty, data, "", "  ")
	self := "/uri/" + url.PathEscape(obj.id)
	links := []pageLink{{"CASE 1.1 JSON", self + "?format=json"}, {"CASE 1.0 JSON", self + "?format=json&version=1.0"}}
	if achievable(obj.kind) {
		links = append(links, pageLink{"Open Badges 3.0 Achievement", self + "?format=achievement"})
	}
	if obj.framework != "" {
		links = append(links, pageLink{"Framework", "/frameworks/" + url.PathEscape(obj.framework)})
	}
	s.writePage(w, http.StatusOK, obj.kind+" "+obj.title, "", &pageBody{Object: obj.kind, ID: obj.id, URI: obj.uri, Links: links, JSON: pretty.String()})
	return nil
}

type pageLink struct{ Label, Href string }

type pageBody struct {
	Object, ID, URI string
	Links           []pageLink
	JSON            string
}

var uriPage = template.Must(template.New("uri").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{{.Title}}</h1>
{{with .Message}}<p>{{.}}</p>{{end}}
{{with .Body}}<p>{{.Object}} <code>{{.ID}}</code></p>
{{with .URI}}<p>Source of truth: <a href="{{.}}">{{.}}</a></p>{{end}}
<ul>{{range .Links}}<li><a href="{{.Href}}">{{.Label}}</a></li>{{end}}</ul>
<pre>{{.JSON}}</pre>{{end}}
<p><a href="/">Home</a></p></main></body></html>
`))

// writePage answers a plain HTML page.
func (s *Server) writePage(w http.ResponseWriter, status int, title, msg string, body *pageBody) {
	var buf bytes.Buffer
	if err := uriPage.Execute(&buf, map[string]any{"Title": title, "Message": msg, "Body": body}); err != nil {
		s.log.Error("render uri page", "err", err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString("internal server error")
	}
	h := w.Header()
	h.Set("Content-Type", ctypeHTML)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
