#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/imgutils.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>

/* FFmpeg reports most conditions through macros that Swift cannot import; these expose them. */
static inline int facewatch_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int facewatch_averror_eof(void) { return AVERROR_EOF; }
static inline int facewatch_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
static inline int facewatch_averror_stream_not_found(void) { return AVERROR_STREAM_NOT_FOUND; }
static inline int facewatch_averror_decoder_not_found(void) { return AVERROR_DECODER_NOT_FOUND; }
static inline int facewatch_averror(int posix_error) { return AVERROR(posix_error); }
