/// How RTSP carries the media: interleaved in the TCP control connection (robust through NAT and firewalls,
/// no loss) or as separate UDP packets (lower latency, may drop frames).
public enum RTSPTransport: String, Sendable, Equatable, CaseIterable {
    case tcp
    case udp
}
