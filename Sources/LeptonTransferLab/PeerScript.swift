/// The python3 peer the transfer harness runs as a separate process: a byte sink and a delaying relay.
///
/// Protocol: the client sends an 8-byte big-endian length n, then n bytes; the sink replies
/// one byte "A" once all n bytes arrived, then waits for the client to close.
/// `sink HOST PORT` prints "PORT p" (p the bound port) and serves connections one at a time.
/// `relay HOST PORT DELAY DEST_HOST DEST_PORT` prints "PORT p" and forwards each connection to
/// the destination, holding every chunk DELAY seconds in each direction (bytes are delayed,
/// not packets: TCP on either side sees no extra round-trip time).
enum PeerScript {
    static let source = """
import socket, struct, sys, threading, time, collections

def serve_sink(host, port):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(64)
    print("PORT", server.getsockname()[1], flush=True)
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    while True:
        conn, _ = server.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            header = b""
            while len(header) < 8:
                part = conn.recv(8 - len(header))
                if not part:
                    raise EOFError
                header += part
            size = struct.unpack(">Q", header)[0]
            received = 0
            while received < size:
                count = conn.recv_into(view[:min(len(buffer), size - received)])
                if count == 0:
                    raise EOFError
                received += count
            conn.sendall(b"A")
            conn.recv(1)
        except (EOFError, OSError):
            pass
        finally:
            conn.close()

def pump(source, destination, delay):
    queue = collections.deque()
    ready = threading.Condition()
    def reader():
        while True:
            try:
                chunk = source.recv(1 << 16)
            except OSError:
                chunk = b""
            with ready:
                queue.append((time.monotonic() + delay, chunk))
                ready.notify()
            if not chunk:
                return
    threading.Thread(target=reader, daemon=True).start()
    while True:
        with ready:
            while not queue:
                ready.wait()
            due, chunk = queue.popleft()
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            if not chunk:
                destination.shutdown(socket.SHUT_WR)
                return
            destination.sendall(chunk)
        except OSError:
            return

def relay_connection(conn, destination, delay):
    try:
        upstream = socket.create_connection(destination)
    except OSError:
        conn.close()
        return
    for s in (conn, upstream):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    forward = threading.Thread(target=pump, args=(conn, upstream, delay), daemon=True)
    backward = threading.Thread(target=pump, args=(upstream, conn, delay), daemon=True)
    forward.start(); backward.start(); forward.join(); backward.join()
    conn.close(); upstream.close()

def serve_relay(host, port, delay, destination):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(64)
    print("PORT", server.getsockname()[1], flush=True)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=relay_connection, args=(conn, destination, delay), daemon=True).start()

mode = sys.argv[1]
if mode == "sink":
    serve_sink(sys.argv[2], int(sys.argv[3]))
elif mode == "relay":
    serve_relay(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), (sys.argv[5], int(sys.argv[6])))
else:
    sys.exit("unknown mode " + mode)
"""
}
