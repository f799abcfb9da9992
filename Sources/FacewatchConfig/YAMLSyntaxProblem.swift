import Yams

/// Turns the parser's (multi-line) errors into one-line configuration errors with the file, line and column.
enum YAMLSyntaxProblem {
    static func configurationError(_ error: any Error, context: ReadingContext, yaml: String) -> ConfigurationError {
        guard let yamlError = error as? YamlError else {
            return .syntax(context.location(line: 1, column: 1), problem: "\(error)")
        }
        switch yamlError {
        case .scanner(let problemContext, let problem, let mark, _),
             .parser(let problemContext, let problem, let mark, _):
            return .syntax(location(mark, context), problem: described(problem, while: problemContext))
        case .composer(let problemContext, let problem, let mark, _):
            if problem.contains("another document") {
                return .syntax(location(mark, context), problem: "a second YAML document; the configuration is one document")
            }
            return .syntax(location(mark, context), problem: described(problem, while: problemContext))
        case .duplicatedKeysInMapping(let duplicates, let problemContext):
            return .duplicateKey(location(problemContext.mark, context), key: duplicates.sorted().first ?? "?")
        case .reader(let problem, let offset, _, _):
            let (line, column) = lineAndColumn(ofCharacter: offset ?? 0, in: yaml)
            return .syntax(context.location(line: line, column: column), problem: problem)
        default:
            return .syntax(context.location(line: 1, column: 1), problem: "\(yamlError)")
        }
    }

    private static func location(_ mark: Mark, _ context: ReadingContext) -> ConfigurationLocation {
        context.location(line: mark.line, column: mark.column)
    }

    /// libyaml's problem, then what it was doing and where that began: `could not find expected ':' (while
    /// scanning a simple key at 3:1)`.
    private static func described(_ problem: String, while problemContext: YamlError.Context?) -> String {
        guard let problemContext else { return problem }
        return "\(problem) (\(problemContext.text) at \(problemContext.mark.line):\(problemContext.mark.column))"
    }

    private static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
