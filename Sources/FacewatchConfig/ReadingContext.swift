/// What every value read from one file shares: the name used in messages, and the directory that relative
/// paths in the file are resolved against (nil: they stay relative to the working directory).
struct ReadingContext {
    let source: String
    let baseDirectory: String?

    func location(line: Int, column: Int) -> ConfigurationLocation {
        ConfigurationLocation(source: source, line: line, column: column)
    }

    /// `path` as an absolute path when it is relative and there is a base directory; otherwise unchanged.
    func resolve(_ path: String) -> String {
        guard let baseDirectory, !path.hasPrefix("/") else { return path }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2).drop { $0 == "/" } }
        if relative.isEmpty || relative == "." { return baseDirectory }
        return baseDirectory.hasSuffix("/") ? baseDirectory + relative : baseDirectory + "/" + relative
    }
}
