#!/usr/bin/python3
"""Serve one H.264 MP4 file over RTSP on 127.0.0.1, for tests.

    rtsp_server.py --port P [--path /cam] [--loop] VIDEO.mp4

Prints exactly one line, "ready rtsp://127.0.0.1:P/cam", on stdout once the
listening socket is open (with --port 0 the kernel picks a free port and the
line tells which).  Exits 0 on SIGTERM or SIGINT.

The video is not re-encoded: qtdemux hands the H.264 access units straight to
rtph264pay (audio tracks are ignored).  Each client gets its own pipeline,
starting at the first frame of the clip, so its first picture is a key frame.
With --loop the clip repeats forever with evenly increasing RTP timestamps;
without it each client gets RTCP BYE, i.e. end of stream, at the clip's end.
RTP goes over the RTSP TCP connection or over UDP, as the client asks.

Needs Debian's python3-gi and gir1.2-gst-rtsp-server-1.0 (which pulls in
gstreamer1.0-plugins-base/-good/-bad), and must run under /usr/bin/python3,
the interpreter those bindings are installed for.
"""
import argparse
import os
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

Gst.init(None)  # before any GStreamer type is used


class Looper:
    """Repeats the clip inside one media pipeline, unseen by the RTSP layer.

    At the end of the clip qtdemux pushes EOS.  A probe on the "looper"
    identity element drops it (so the RTSP server never sees the stream
    end) and asks the main loop to seek qtdemux back to 0.  The flush that
    this seek sends downstream is dropped too, and every segment that
    qtdemux starts after a rewind is shifted by loops * clip_length via the
    pad offset of identity's src pad.  Downstream, running time and so the
    RTP timestamps keep counting up evenly from one loop to the next.
    """

    def __init__(self, media):
        # The probe owns this object; it keeps no element references itself,
        # so nothing stops the pipeline from being freed with its media.
        self.loops = 0
        self.rewinding = False
        self.length = Gst.CLOCK_TIME_NONE
        looper = media.get_element().get_by_name("looper")
        looper.get_static_pad("sink").add_probe(
            Gst.PadProbeType.EVENT_DOWNSTREAM | Gst.PadProbeType.EVENT_FLUSH,
            self.on_event)

    @staticmethod
    def rewind(demux):
        demux.seek_simple(Gst.Format.TIME, Gst.SeekFlags.FLUSH, 0)
        return False  # one-shot idle callback

    def on_event(self, pad, info):
        event = info.get_event()
        looping = self.length != Gst.CLOCK_TIME_NONE
        if event.type == Gst.EventType.EOS and looping:
            self.loops += 1
            self.rewinding = True
            # Seek from the main loop, never from this streaming thread.
            GLib.idle_add(self.rewind, pad.get_peer().get_parent_element())
            return Gst.PadProbeReturn.DROP
        if event.type in (Gst.EventType.FLUSH_START, Gst.EventType.FLUSH_STOP):
            if self.rewinding:
                return Gst.PadProbeReturn.DROP
            self.loops = 0  # a seek by the server itself restarts the count
        elif event.type == Gst.EventType.SEGMENT:
            seg = event.parse_segment()
            if self.length == Gst.CLOCK_TIME_NONE:  # first segment: 0..end
                ok, dur = pad.peer_query_duration(Gst.Format.TIME)
                self.length = seg.stop if seg.stop != Gst.CLOCK_TIME_NONE \
                    else dur if ok and dur > 0 else Gst.CLOCK_TIME_NONE
            self.rewinding = False
            # Applied to the segment as identity pushes it on.
            pad.get_parent_element().get_static_pad("src").set_offset(
                self.loops * self.length)
        return Gst.PadProbeReturn.OK


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("video", help="MP4 file holding an H.264 video track")
    ap.add_argument("--port", type=int, required=True,
                    help="TCP port for RTSP (0: any free port)")
    ap.add_argument("--path", default="/cam",
                    help="mount point (default /cam)")
    ap.add_argument("--loop", action="store_true",
                    help="repeat the clip forever instead of ending")
    args = ap.parse_args()
    if not os.path.isfile(args.video):
        ap.error(f"no such file: {args.video}")
    if not args.path.startswith("/"):
        ap.error("--path must start with /")

    loop = GLib.MainLoop()

    factory = GstRtspServer.RTSPMediaFactory()
    location = args.video.replace("\\", "\\\\").replace('"', '\\"')
    factory.set_launch(
        f'( filesrc location="{location}" ! qtdemux name=demux '
        'demux.video_0 ! identity name=looper '
        '! rtph264pay name=pay0 pt=96 config-interval=-1 )')
    factory.set_shared(False)  # one pipeline per client, see the docstring
    # RTP/RTCP over UDP: bind loopback ports only, not the wildcard address.
    pool = GstRtspServer.RTSPAddressPool()
    pool.add_range("127.0.0.1", "127.0.0.1", 20000, 39999, 0)
    factory.set_address_pool(pool)
    if args.loop:
        factory.connect("media-configure", lambda _f, media: Looper(media))

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    server.get_mount_points().add_factory(args.path, factory)
    try:
        # Binds and listens right away (GLib sets SO_REUSEADDR, so a restart
        # on the same port works even with old connections in TIME_WAIT).
        server.create_source(None).attach(None)
    except GLib.Error as err:
        print(f"rtsp_server: cannot listen on port {args.port}: {err.message}",
              file=sys.stderr)
        return 1

    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"ready rtsp://127.0.0.1:{server.get_bound_port()}{args.path}",
          flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
