package seed

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// WriteSynth streams the CASE 1.1 CFPackage JSON of the synthetic framework
// Synth(opt) would build, without holding it: the document first, then the
// items one by one, then the associations (a second walk of the tree), then
// the definitions. Memory use does not grow with opt.Items.
func WriteSynth(w io.Writer, opt SynthOptions) error {
	opt, err := opt.normalized()
	if err != nil {
		return err
	}
	d := newSynthDefs(opt)
	sw := &synthWriter{bw: bufio.NewWriterSize(w, 64<<10), links: linkCache{}}
	doc, err := json.Marshal(documentJSON(d.document()))
	if err != nil {
		return fmt.Errorf("synthetic document: %w", err)
	}
	sw.raw(`{"CFDocument":`)
	sw.raw(string(doc))
	sw.raw(`,"CFItems":[`)
	sw.walk(opt, func(n, parent *synthNode) {
		it := d.item(n, parent)
		sw.put(sw.links.appendItem(sw.buf[:0], &it))
	}, nil)
	sw.raw(`],"CFAssociations":[`)
	links := newSynthLinker(d)
	sw.walk(opt, func(n, parent *synthNode) {
		links.associations(n, parent, func(a casefile.Association) { sw.put(appendAssociation(sw.buf[:0], &a)) })
	}, links)
	defs, err := json.Marshal(definitionsJSON(d.definitions()))
	if err != nil {
		return fmt.Errorf("synthetic definitions: %w", err)
	}
	sw.raw(`],"CFDefinitions":`)
	sw.raw(string(defs))
	sw.raw(`,"CFRubrics":[]}` + "\n")
	if sw.err == nil {
		sw.err = sw.bw.Flush()
	}
	if sw.err != nil {
		return fmt.Errorf("writing synthetic framework: %w", sw.err)
	}
	return nil
}

// synthWriter writes comma-separated JSON values, keeping the first error.
type synthWriter struct {
	bw    *bufio.Writer
	links linkCache
	buf   []byte
	first bool
	err   error
}

// walk walks the tree once more; links, when given, follows this walk.
func (sw *synthWriter) walk(opt SynthOptions, visit func(n, parent *synthNode), links *synthLinker) {
	sw.first = true
	w := newSynthWalker(opt, visit)
	w.stop = func() bool { return sw.err != nil }
	if links != nil {
		links.w = w
	}
	w.walk(opt.Items)
}

func (sw *synthWriter) raw(s string) {
	if sw.err == nil {
		_, sw.err = sw.bw.WriteString(s)
	}
}

func (sw *synthWriter) put(b []byte) {
	sw.buf = b
	if sw.err != nil {
		return
	}
	if !sw.first {
		sw.err = sw.bw.WriteByte(',')
	}
	sw.first = false
	if sw.err == nil {
		_, sw.err = sw.bw.Write(b)
	}
}

// linkCache keeps the JSON of the links synthetic items share (item types,
// subjects), keyed by the shared link's address.
type linkCache map[*casefile.LinkURI][]byte

func (c linkCache) appendLink(b []byte, l *casefile.LinkURI) []byte {
	j, ok := c[l]
	if !ok {
		j = appendLink(nil, l.Title, l.Identifier, l.URI)
		c[l] = j
	}
	return append(b, j...)
}

// appendItem appends the CFPckgItem JSON of the fields synthetic items use.
func (c linkCache) appendItem(b []byte, it *casefile.Item) []byte {
	b = append(b, `{"identifier":`...)
	b = casefile.AppendJSONString(b, it.Identifier, false)
	b = appendField(b, "uri", it.URI)
	b = appendField(b, "fullStatement", it.FullStatement)
	b = appendField(b, "humanCodingScheme", it.HumanCodingScheme)
	b = appendField(b, "listEnumeration", it.ListEnumeration)
	b = appendField(b, "abbreviatedStatement", it.AbbreviatedStatement)
	b = appendField(b, "CFItemType", it.CFItemType)
	if it.CFItemTypeURI != nil {
		b = append(b, `,"CFItemTypeURI":`...)
		b = c.appendLink(b, it.CFItemTypeURI)
	}
	b = appendList(b, "conceptKeywords", it.ConceptKeywords)
	b = appendList(b, "educationLevel", it.EducationLevel)
	b = appendField(b, "language", it.Language)
	b = appendList(b, "subject", it.Subject)
	if len(it.SubjectURI) > 0 {
		b = append(b, `,"subjectURI":[`...)
		for i := range it.SubjectURI {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.appendLink(b, &it.SubjectURI[i])
		}
		b = append(b, ']')
	}
	b = appendField(b, "lastChangeDateTime", it.LastChangeDateTime)
	return append(b, '}')
}

// appendAssociation appends the CFPckgAssociation JSON of a synthetic association.
func appendAssociation(b []byte, a *casefile.Association) []byte {
	b = append(b, `{"identifier":`...)
	b = casefile.AppendJSONString(b, a.Identifier, false)
	b = appendField(b, "associationType", a.AssociationType)
	if a.SequenceNumber != nil {
		b = append(b, `,"sequenceNumber":`...)
		b = strconv.AppendInt(b, int64(*a.SequenceNumber), 10)
	}
	b = appendField(b, "uri", a.URI)
	b = append(b, `,"originNodeURI":`...)
	b = appendLink(b, a.OriginNodeURI.Title, a.OriginNodeURI.Identifier, a.OriginNodeURI.URI)
	b = append(b, `,"destinationNodeURI":`...)
	b = appendLink(b, a.DestinationNodeURI.Title, a.DestinationNodeURI.Identifier, a.DestinationNodeURI.URI)
	b = appendField(b, "lastChangeDateTime", a.LastChangeDateTime)
	return append(b, '}')
}

func appendLink(b []byte, title, id, uri string) []byte {
	b = append(b, `{"title":`...)
	b = casefile.AppendJSONString(b, title, false)
	b = appendField(b, "identifier", id)
	b = appendField(b, "uri", uri)
	return append(b, '}')
}

// appendField appends ,"name":"value" unless value is empty.
func appendField(b []byte, name, value string) []byte {
	if value == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return casefile.AppendJSONString(b, value, false)
}

func appendList(b []byte, name string, values []string) []byte {
	if len(values) == 0 {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, `":[`...)
	for i, v := range values {
		if i > 0 {
			b = append(b, ',')
		}
		b = casefile.AppendJSONString(b, v, false)
	}
	return append(b, ']')
}
