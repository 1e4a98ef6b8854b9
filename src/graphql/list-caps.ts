import {
  GraphQLError,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValidationRule,
  Kind,
  type DocumentNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

// Every list a client sends is capped: a filter with 30,000 enum values or a nodes(ids:) call
// with a million ids is abuse, and costs seconds before any rule could refuse it. Calendars are
// the one legitimately long list (a region's entries for a year).

export const DEFAULT_LIST_CAP = 200;
const CAPS: Record<string, number> = { CalendarEntryInput: 5_000, ID: 1_000 };

const capFor = (listType: GraphQLInputType) => CAPS[getNamedType(listType).name] ?? DEFAULT_LIST_CAP;

function tooLong(what: string, length: number, cap: number): GraphQLError {
  return new GraphQLError(`${what} has ${length} items; at most ${cap} are accepted.`, {
    extensions: { code: 'input/too_many_items', http: { spec: true, status: 400 } },
  });
}

/** Lists written in the query text. */
export const listCapRule: ValidationRule = (context) => ({
  ListValue(node) {
    // Inside a list value the current input type is the item's; the list's own is the parent.
    const type = context.getParentInputType();
    const listType = type && isNonNullType(type) ? type.ofType : type;
    if (!listType || !isListType(listType)) return;
    const cap = capFor(listType);
    if (node.values.length > cap) context.reportError(tooLong('A list argument', node.values.length, cap));
  },
});

/** Lists passed as variables, checked against the type each variable is declared with. */
function variableProblem(type: GraphQLInputType, value: unknown, path: string): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const bare = isNonNullType(type) ? type.ofType : type;
  if (isListType(bare)) {
    if (!Array.isArray(value)) return variableProblem(bare.ofType, value, path);
    const cap = capFor(bare);
    if (value.length > cap) return tooLong(path, value.length, cap);
    for (const item of value) {
      const problem = variableProblem(bare.ofType, item, path);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(bare) && typeof value === 'object') {
    const fields = bare.getFields();
    for (const [name, field] of Object.entries(fields)) {
      const problem = variableProblem(field.type, (value as Record<string, unknown>)[name], `${path}.${name}`);
      if (problem) return problem;
    }
  }
  return null;
}

function checkVariables(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): GraphQLError | null {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      if (!type) continue;
      const problem = variableProblem(type, variables[variable.variable.name.value], `$${variable.variable.name.value}`);
      if (problem) return problem;
    }
  }
  return null;
}

export function capListArguments(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(listCapRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const problem = checkVariables(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>);
      if (problem) setResultAndStopExecution({ errors: [problem] });
    },
  };
}
