import CFFmpeg
import FaceVision
import FacewatchSupport
#if canImport(Glibc)
import Glibc
#endif

/// An open video source: demuxes with libavformat, decodes with libavcodec and converts each picture to RGB with
/// libswscale, one frame per `nextFrame()` call (FFmpeg's send/receive decode loop).
///
/// Every blocking call is bounded by `options.timeout` through FFmpeg's interrupt callback, and `gate.cancel()`
/// from any thread interrupts it at once. One thread uses an input at a time.
public final class VideoInput {
    public let location: MediaLocation
    public let options: VideoInputOptions
    /// The source's picture size as shown (after `orientation`) and nominal frame rate (nil when the container does
    /// not say).
    public let width: Int
    public let height: Int
    /// How the stream's pictures are turned to be seen upright: as its header records (a phone's video), followed by
    /// `options.turn`; every frame comes out turned so.
    public let orientation: PictureOrientation
    public let framesPerSecond: Double?

    private let gate: InterruptGate
    private var format: UnsafeMutablePointer<AVFormatContext>?
    private var codec: UnsafeMutablePointer<AVCodecContext>?
    private let streamIndex: Int32
    private let timeBase: AVRational
    private var origin: Int64?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var decoded: UnsafeMutablePointer<AVFrame>?
    private var converter = FrameConverter()
    private var fullResolutionConverter = FrameConverter()
    private var framesDecoded = 0
    private var lastPTS: Double?
    private var draining = false
    /// Set when the demuxer logged an error as it reached the end (a file cut short: "partial file"); reported
    /// once the decoder has given up the frames it still held, instead of a quiet end of input.
    private var endedEarly: VideoInputError?
    private var consecutiveBadPackets = 0

    /// Packets in a row that the decoder may refuse before the source counts as broken.
    private static let badPacketLimit = 200
    /// How much of a live stream FFmpeg reads to learn its parameters before the first frame is decoded (a file
    /// keeps FFmpeg's default). H.264 and H.265 cameras announce theirs in the session description.
    static let liveProbeSeconds = 0.2

    /// Opens the source and its video decoder; throws when it cannot be opened within the timeout.
    public init(location: MediaLocation, options: VideoInputOptions = VideoInputOptions(), gate: InterruptGate = InterruptGate()) throws(VideoInputError) {
        self.location = location
        self.options = options
        self.gate = gate
        let source = location.description
        if case .file(let path) = location, access(path, F_OK) != 0 {
            throw .fileNotFound(source: source)
        }

        let opened = try FFmpegLogCapture.run { log throws(VideoInputError) -> (UnsafeMutablePointer<AVFormatContext>, Int32, UnsafeMutablePointer<AVCodecContext>) in
            guard let context = avformat_alloc_context() else { throw .cannotOpen(source: source, detail: "out of memory") }
            context.pointee.interrupt_callback = gate.callback
            var dictionary: OpaquePointer?
            defer { av_dict_free(&dictionary) }
            if case .network(let url) = location, url.lowercased().hasPrefix("rtsp") {
                av_dict_set(&dictionary, "rtsp_transport", options.rtspTransport.rawValue, 0)
            }
            var formatContext: UnsafeMutablePointer<AVFormatContext>? = context
            gate.arm(seconds: options.timeout)
            let status = avformat_open_input(&formatContext, location.ffmpegURL, nil, &dictionary)
            gate.disarm()
            guard status >= 0, let format = formatContext else {
                throw Self.failure(status, source: source, during: "connecting", gate: gate, timeout: options.timeout, log: log) { .cannotOpen(source: source, detail: $0) }
            }
            var keep = false
            defer { if !keep { avformat_close_input(&formatContext) } }
            // Packets read while probing are handed over at once afterwards: a live stream would start with a
            // burst of frames as old as the probe is long (FFmpeg's default: 5 s, in practice about 1.2 s here),
            // which a live queue must drop.
            if location.isLive { format.pointee.max_analyze_duration = Int64(Self.liveProbeSeconds * 1_000_000) }
            gate.arm(seconds: options.timeout)
            let probed = avformat_find_stream_info(format, nil)
            gate.disarm()
            if probed < 0 {
                throw Self.failure(probed, source: source, during: "reading stream information", gate: gate, timeout: options.timeout, log: log) { .cannotOpen(source: source, detail: $0) }
            }
            var decoder: UnsafePointer<AVCodec>?
            let index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0)
            guard index >= 0, let stream = format.pointee.streams[Int(index)], let parameters = stream.pointee.codecpar else {
                if index == facewatch_averror_decoder_not_found(), let stream = format.pointee.streams[0] {
                    let codecName = String(cString: avcodec_get_name(stream.pointee.codecpar.pointee.codec_id))
                    throw .noDecoder(source: source, codec: codecName)
                }
                throw .noVideoStream(source: source)
            }
            guard let decoder else {
                throw .noDecoder(source: source, codec: String(cString: avcodec_get_name(parameters.pointee.codec_id)))
            }
            guard let codec = avcodec_alloc_context3(decoder) else { throw .cannotOpen(source: source, detail: "out of memory") }
            var codecContext: UnsafeMutablePointer<AVCodecContext>? = codec
            var codecKept = false
            defer { if !codecKept { avcodec_free_context(&codecContext) } }
            var status2 = avcodec_parameters_to_context(codec, parameters)
            if status2 >= 0 {
                codec.pointee.thread_count = Int32(max(0, options.decoderThreads))
                codec.pointee.pkt_timebase = stream.pointee.time_base
                status2 = avcodec_open2(codec, decoder, nil)
            }
            if status2 < 0 {
                throw .cannotOpen(source: source, detail: FFmpegFailure.detail(status2, log: log))
            }
            keep = true
            codecKept = true
            return (format, index, codec)
        }
        format = opened.0
        streamIndex = opened.1
        codec = opened.2
        let stream = opened.0.pointee.streams[Int(opened.1)]!
        timeBase = stream.pointee.time_base
        if stream.pointee.start_time != Int64.min { origin = stream.pointee.start_time }
        orientation = DisplayMatrix.orientation(of: stream).followed(by: options.turn)
        (width, height) = orientation.shownSize(width: Int(opened.2.pointee.width), height: Int(opened.2.pointee.height))
        let rate = stream.pointee.avg_frame_rate.num > 0 ? stream.pointee.avg_frame_rate : stream.pointee.r_frame_rate
        framesPerSecond = rate.num > 0 && rate.den > 0 ? Double(rate.num) / Double(rate.den) : nil
        packet = av_packet_alloc()
        decoded = av_frame_alloc()
        if packet == nil || decoded == nil { close(); throw .cannotOpen(source: source, detail: "out of memory") }
    }

    deinit {
        close()
    }

    /// Releases every FFmpeg object now (also done when the input goes away).
    public func close() {
        av_packet_free(&packet)
        av_frame_free(&decoded)
        avcodec_free_context(&codec)
        avformat_close_input(&format)
        converter.release()
        fullResolutionConverter.release()
    }

    /// The next decoded frame, or nil at the end of a file (or a stream the server ended).
    public func nextFrame() throws(VideoInputError) -> VideoFrame? {
        let source = location.description
        return try FFmpegLogCapture.run { log throws(VideoInputError) -> VideoFrame? in
            guard let format, let codec, let packet, let decoded else { return nil }
            while true {
                let received = avcodec_receive_frame(codec, decoded)
                if received == 0 {
                    defer { av_frame_unref(decoded) }
                    consecutiveBadPackets = 0
                    return try frame(from: decoded, log: log)
                }
                if received == facewatch_averror_eof() { return try endOfInput() }
                if received != facewatch_averror_eagain() {
                    throw .readFailed(source: source, detail: FFmpegFailure.detail(received, log: log))
                }
                if draining { return try endOfInput() }
                let messagesBefore = log.messages.count
                gate.arm(seconds: options.timeout)
                let read = av_read_frame(format, packet)
                gate.disarm()
                if read == facewatch_averror_eof() {
                    if log.messages.count > messagesBefore {
                        endedEarly = .readFailed(source: source, detail: FFmpegFailure.detail(read, log: log))
                    }
                    draining = true
                    avcodec_send_packet(codec, nil)
                    continue
                }
                if read < 0 {
                    throw Self.failure(read, source: source, during: "reading", gate: gate, timeout: options.timeout, log: log) { .readFailed(source: source, detail: $0) }
                }
                defer { av_packet_unref(packet) }
                guard packet.pointee.stream_index == streamIndex else { continue }
                let sent = avcodec_send_packet(codec, packet)
                if sent < 0 && sent != facewatch_averror_eagain() {
                    // A damaged packet: the decoder conceals what it can; give up only on a long run of them.
                    consecutiveBadPackets += 1
                    if consecutiveBadPackets >= Self.badPacketLimit {
                        throw .readFailed(source: source, detail: "\(Self.badPacketLimit) damaged packets in a row; last: " + FFmpegFailure.detail(sent, log: log))
                    }
                }
            }
        }
    }

    /// Nil at a clean end of input; the error when the input ended early.
    private func endOfInput() throws(VideoInputError) -> VideoFrame? {
        if let endedEarly { throw endedEarly }
        return nil
    }

    private func frame(from decoded: UnsafeMutablePointer<AVFrame>, log: FFmpegLogCapture) throws(VideoInputError) -> VideoFrame {
        let stored = (width: Int(decoded.pointee.width), height: Int(decoded.pointee.height))
        let (sourceWidth, sourceHeight) = orientation.shownSize(width: stored.width, height: stored.height)
        let size = options.analysisSize(sourceWidth: sourceWidth, sourceHeight: sourceHeight)
        let sizeAsStored = orientation.shownSize(width: size.width, height: size.height)
        guard let image = converter.convert(decoded, width: sizeAsStored.width, height: sizeAsStored.height)?.oriented(orientation) else {
            throw .readFailed(source: location.description, detail: "cannot convert \(RGBConversion.pixelFormatName(AVPixelFormat(rawValue: decoded.pointee.format))) pictures to RGB")
        }
        var fullImage: RGBImage?
        if options.keepsFullResolution && (size.width != sourceWidth || size.height != sourceHeight) {
            fullImage = fullResolutionConverter.convert(decoded, width: stored.width, height: stored.height)?.oriented(orientation)
            if fullImage == nil {
                throw .readFailed(source: location.description, detail: "cannot convert a \(stored.width)×\(stored.height) picture to RGB")
            }
        }
        let pts = presentationTime(of: decoded)
        defer { framesDecoded += 1 }
        return VideoFrame(
            image: image, fullImage: fullImage, pts: pts, index: framesDecoded, sourceWidth: sourceWidth,
            sourceHeight: sourceHeight, decodedAt: MonotonicClock.seconds())
    }

    /// Seconds since the stream's start; frames without a timestamp get the previous one plus a frame interval.
    private func presentationTime(of decoded: UnsafeMutablePointer<AVFrame>) -> Double {
        let stamp = decoded.pointee.best_effort_timestamp
        let seconds: Double
        if stamp != Int64.min {
            if origin == nil { origin = stamp }
            seconds = Double(stamp - (origin ?? 0)) * Double(timeBase.num) / Double(timeBase.den)
        } else if let lastPTS {
            seconds = lastPTS + 1 / (framesPerSecond ?? 25)
        } else {
            seconds = 0
        }
        lastPTS = seconds
        return seconds
    }

    private static func failure(
        _ code: Int32, source: String, during activity: String, gate: InterruptGate, timeout: Double, log: FFmpegLogCapture,
        otherwise: (String) -> VideoInputError
    ) -> VideoInputError {
        if gate.isCancelled { return .cancelled(source: source) }
        if gate.didExpire { return .timedOut(source: source, seconds: timeout, during: activity) }
        if code == facewatch_averror(ENOENT) { return .fileNotFound(source: source) }
        return otherwise(FFmpegFailure.detail(code, log: log))
    }
}
