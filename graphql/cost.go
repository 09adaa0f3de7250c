package graphql

import (
	"github.com/casenode/casenode/internal/costbudget"
	gqlast "github.com/graph-gophers/graphql-go/ast"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The cost of a query is computed from its text before it runs. Every field
// costs 1 each time it may be resolved: the product of the sizes of the list
// fields above it (a page size where the field takes `first`, an assumed
// size otherwise). A field that does heavy work adds its price, multiplied
// the same way. Page sizes beyond a field's maximum are counted at the
// maximum (the resolver refuses them anyway).

// listSize is how many elements a list field is counted for.
type listSize struct {
	arg      string // argument giving the page size ("" = fixed size)
	ofParent bool   // arg is an argument of the field that returned the list's object
	fixed    int    // assumed size when no argument gives it
	max      int    // largest page the resolver accepts
}

// listSizes are the object lists of schema.graphql that multiply the cost of
// their selections: page sizes where a page is asked for, otherwise a
// typical size (what a query can expect on average, not the worst item).
// Any other object list counts as defaultListSize.
var listSizes = map[string]listSize{
	"FrameworkConnection.nodes": {arg: "first", ofParent: true, max: 200},  // frameworks(first)
	"ItemConnection.nodes":      {arg: "first", ofParent: true, max: 2000}, // Framework.items(first)
	"SearchResult.hits":         {arg: "first", ofParent: true, max: 100},  // search(first)
	"Crosswalk.rows":            {arg: "first", ofParent: true, max: 2000}, // crosswalk(first)
	"Query.itemsByCode":         {fixed: 10},
	"Framework.roots":           {fixed: 20},
	"Framework.associations":    {fixed: 1000},
	"Framework.rubrics":         {fixed: 10},
	"Item.children":             {fixed: 5}, // an average: a tree has as many child links as items
	"Item.parents":              {fixed: 1},
	"Item.associations":         {fixed: 5},
	"Item.ancestors":            {fixed: 5},
	"CrosswalkRow.matches":      {fixed: 5},
	"CrosswalkMatch.path":       {fixed: 3},
	"SearchHit.path":            {fixed: 5},
	"SearchHit.highlights":      {fixed: 3},
	"SearchResult.facets":       {fixed: 7},
	"Facet.values":              {fixed: 20},
	"Rubric.criteria":           {fixed: 10},
	"RubricCriterion.levels":    {fixed: 5},
	"Definitions.concepts":      {fixed: 50},
	"Definitions.subjects":      {fixed: 50},
	"Definitions.licenses":      {fixed: 50},
	"Definitions.itemTypes":     {fixed: 50},
	"Definitions.groupings":     {fixed: 50},
}

const defaultListSize = 10

// Prices of the fields that do heavy work, added to their count.
// The prices are the node's one cost model (internal/costbudget), shared with MCP.
const (
	priceCrosswalk = costbudget.Crosswalk
	priceSuggest   = costbudget.Suggest
	priceCSV       = costbudget.CSV
	priceSearch    = costbudget.Search
	priceMutation  = costbudget.Mutation
)

// fieldPrice is the price of one field given its arguments.
func fieldPrice(typeName, field string, args func(string) any) int64 {
	switch typeName + "." + field {
	case "Query.crosswalk":
		if s, _ := args("suggest").(bool); s {
			return priceCrosswalk + priceSuggest
		}
		return priceCrosswalk
	case "Crosswalk.csv":
		return priceCSV
	case "Query.search":
		return priceSearch
	}
	if typeName == "Mutation" {
		return priceMutation
	}
	return 0
}

// costModel computes query costs against the schema's types.
type costModel struct {
	schema   *gqlast.Schema
	maxDepth int
}

// queryCost is the cost of operation op (all operations when "") of query
// with vars; ok is false when the text does not parse (execution reports why).
func (m costModel) queryCost(query, op string, vars map[string]any) (cost int64, ok bool) {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return 0, false
	}
	for _, o := range doc.Operations {
		if op != "" && o.Name != op {
			continue
		}
		root := "Query"
		if o.Operation == ast.Mutation {
			root = "Mutation"
		}
		w := costWalk{m: m, doc: doc, vars: withDefaults(o, vars), seen: map[string]bool{}}
		cost = satAdd(cost, w.selections(root, o.SelectionSet, 1, nil, 0))
	}
	return cost, true
}

// withDefaults adds the operation's variable defaults to vars.
func withDefaults(o *ast.OperationDefinition, vars map[string]any) map[string]any {
	out := make(map[string]any, len(vars)+len(o.VariableDefinitions))
	for _, vd := range o.VariableDefinitions {
		if vd.DefaultValue != nil {
			if v, err := vd.DefaultValue.Value(nil); err == nil {
				out[vd.Variable] = v
			}
		}
	}
	for k, v := range vars {
		out[k] = v
	}
	return out
}

type costWalk struct {
	m    costModel
	doc  *ast.QueryDocument
	vars map[string]any
	seen map[string]bool // fragments being expanded (a cycle is invalid; it counts once)
}

// selections is the cost of set selected on typeName, each field resolved
// mult times; parentArgs are the arguments of the field that returned it.
func (w *costWalk) selections(typeName string, set ast.SelectionSet, mult int64, parentArgs map[string]any, depth int) int64 {
	if depth > w.m.maxDepth+1 {
		return 0 // deeper than the depth limit: refused before it runs
	}
	var cost int64
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			cost = satAdd(cost, w.field(typeName, s, mult, parentArgs, depth))
		case *ast.InlineFragment:
			t := typeName
			if s.TypeCondition != "" {
				t = s.TypeCondition
			}
			cost = satAdd(cost, w.selections(t, s.SelectionSet, mult, parentArgs, depth+1))
		case *ast.FragmentSpread:
			f := w.doc.Fragments.ForName(s.Name)
			if f == nil || w.seen[s.Name] {
				continue
			}
			w.seen[s.Name] = true
			cost = satAdd(cost, w.selections(f.TypeCondition, f.SelectionSet, mult, parentArgs, depth+1))
			delete(w.seen, s.Name)
		}
	}
	return cost
}

func (w *costWalk) field(typeName string, f *ast.Field, mult int64, parentArgs map[string]any, depth int) int64 {
	def := w.m.fieldDef(typeName, f.Name)
	args := w.args(f, def)
	arg := func(name string) any { return args[name] }
	cost := satAdd(mult, satMul(mult, fieldPrice(typeName, f.Name, arg)))
	if len(f.SelectionSet) == 0 || def == nil {
		return cost
	}
	child, isList := namedType(def.Type)
	if isList {
		mult = satMul(mult, w.size(typeName+"."+f.Name, args, parentArgs))
	}
	return satAdd(cost, w.selections(child, f.SelectionSet, mult, args, depth+1))
}

// size is the count of a list field: its page size or its assumed size.
func (w *costWalk) size(key string, args, parentArgs map[string]any) int64 {
	ls, known := listSizes[key]
	if !known {
		return defaultListSize
	}
	if ls.arg == "" {
		return int64(ls.fixed)
	}
	from := args
	if ls.ofParent {
		from = parentArgs
	}
	n := int64(ls.max)
	switch v := from[ls.arg].(type) {
	case int64:
		n = v
	case int32:
		n = int64(v)
	case float64:
		n = int64(v)
	case int:
		n = int64(v)
	}
	return max(1, min(n, int64(ls.max)))
}

// args resolves a field's arguments: given values, variables, then schema defaults.
func (w *costWalk) args(f *ast.Field, def *gqlast.FieldDefinition) map[string]any {
	out := map[string]any{}
	if def != nil {
		for _, a := range def.Arguments {
			if a.Default != nil {
				out[a.Name.Name] = a.Default.Deserialize(nil)
			}
		}
	}
	for _, a := range f.Arguments {
		if v, err := a.Value.Value(w.vars); err == nil && v != nil {
			out[a.Name] = v
		}
	}
	return out
}

// fieldDef finds a field of an object or interface type in the schema.
func (m costModel) fieldDef(typeName, field string) *gqlast.FieldDefinition {
	switch t := m.schema.Types[typeName].(type) {
	case *gqlast.ObjectTypeDefinition:
		return t.Fields.Get(field)
	case *gqlast.InterfaceTypeDefinition:
		return t.Fields.Get(field)
	}
	return nil
}

// namedType unwraps a field type to its named type and says whether a list
// was on the way.
func namedType(t gqlast.Type) (string, bool) {
	list := false
	for {
		switch x := t.(type) {
		case *gqlast.NonNull:
			t = x.OfType
		case *gqlast.List:
			list, t = true, x.OfType
		case gqlast.NamedType:
			return x.TypeName(), list
		default:
			return "", list
		}
	}
}

// costCap keeps sums and products far from overflow; any cost this high is refused.
const costCap = int64(1) << 50

func satAdd(a, b int64) int64 { return min(costCap, a+b) }

func satMul(a, b int64) int64 {
	if a != 0 && b > costCap/a {
		return costCap
	}
	return min(costCap, a*b)
}
