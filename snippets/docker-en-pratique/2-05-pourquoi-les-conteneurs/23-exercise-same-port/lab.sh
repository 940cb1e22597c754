# Solution: two services can listen on the same address and port, 127.0.0.1:8000, as long
# as each has its own network namespace, i.e. its own network stack.
listen='import socket, sys, time
server = socket.socket()
try:
    server.bind(("127.0.0.1", 8000))
except OSError as refusal:
    sys.exit(f"{sys.argv[1]} : 127.0.0.1:8000 refusé ({refusal.strerror})")
server.listen()
print(f"{sys.argv[1]} : écoute sur 127.0.0.1:8000", flush=True)
time.sleep(float(sys.argv[2]))'

python3 -c "$listen" "service A, namespace du lab" 30 &
first=$!
until ss -Hltn | grep -q 127.0.0.1:8000; do sleep 0.1; done
python3 -c "$listen" "service B, même namespace" 0
unshare --net python3 -c "$listen" "service C, nouveau namespace" 0
kill "$first"
