# client.py
import socket


def client_method():
	message = b'Hello Server!\n'
	client = socket.socket()

	# *block* trying to stabilish a connection
	client.connect(('localhost', 6789))

	# *block* trying to send the message
	print('Sending', message)
	client.sendall(message)

	# *block* until we receive a response
	response = client.recv(1024)
	print('Server replied', response)

	client.close()


if __name__ == '__main__':
	client_method()
