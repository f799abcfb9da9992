import DlibFormat
import Testing

/// The error `body` throws, or nil when it succeeds; any error other than a `DlibFormatError` is a test failure.
func capturedError<Value>(_ body: () throws -> Value) -> DlibFormatError? {
    do {
        _ = try body()
        return nil
    } catch let error as DlibFormatError {
        return error
    } catch {
        Issue.record("expected a DlibFormatError, got \(type(of: error)): \(error)")
        return nil
    }
}
