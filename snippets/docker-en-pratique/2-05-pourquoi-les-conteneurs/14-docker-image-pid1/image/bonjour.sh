#!/bin/sh
echo "Bonjour ! Je suis le processus n° $$ de mon conteneur."
echo "Tous ses processus :"
ps -o pid,args
