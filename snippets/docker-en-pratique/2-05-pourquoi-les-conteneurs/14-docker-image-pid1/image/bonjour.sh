#!/bin/sh
echo "Bonjour ! Je suis le processus n° $$ de mon conteneur. Tous ses processus :"
ps -o pid,args
