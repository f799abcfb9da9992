/// A place in a configuration file, as `facewatch.yaml:14:5`: the file as the caller named it, then the 1-based
/// line and column (columns count Unicode scalars, as libyaml does).
public struct ConfigurationLocation: Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var column: Int

    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    public var description: String { "\(source):\(line):\(column)" }
}
