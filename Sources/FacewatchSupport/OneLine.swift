/// Text for one-line error messages: control characters (a newline in a file name, a person's name, a library's
/// message) are shown escaped, so that a message never spills onto a second line.
public func oneLine(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        if scalar.properties.generalCategory == .control {
            result += scalar.escaped(asASCII: true)
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}
