# Solution : deux services peuvent écouter sur la même adresse et le
# même port, 127.0.0.1:8000, si chacun a son propre espace de noms
# réseau, c’est-à-dire sa propre pile réseau.
listen='import socket, sys, time
server = socket.socket()
try:
    server.bind(("127.0.0.1", 8000))
except OSError as refusal:
    sys.exit(f"{sys.argv[1]} : refusé ({refusal.strerror})")
server.listen()
print(f"{sys.argv[1]} : écoute sur 127.0.0.1:8000", flush=True)
time.sleep(float(sys.argv[2]))'

python3 -c "$listen" "A, espace de noms du lab" 30 &
first=$!
until ss -Hltn | grep -q 127.0.0.1:8000; do sleep 0.1; done
python3 -c "$listen" "B, même espace de noms" 0
unshare --net python3 -c "$listen" "C, nouvel espace de noms" 0
kill "$first"
