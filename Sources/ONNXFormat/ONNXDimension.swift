/// One dimension of a declared tensor shape: a fixed size, a named symbol such as `N`, or unknown.
public enum ONNXDimension: Sendable, Equatable, CustomStringConvertible {
    case value(Int64)
    case symbol(String)
    case unknown

    public var description: String {
        switch self {
        case .value(let size): "\(size)"
        case .symbol(let name): name
        case .unknown: "?"
        }
    }
}
